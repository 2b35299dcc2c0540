//! Counts the DynamoDB calls a piece of work makes, and its round trips: calls that start
//! while another is in flight share a round trip (they wait together). Used by the budget
//! tests (`server/tests/it/dynamo_budgets.rs`); production clients carry no counter.
use std::sync::{Arc, Mutex};

use aws_sdk_dynamodb::config::interceptors::{
    AfterDeserializationInterceptorContextRef, BeforeSerializationInterceptorContextRef,
    FinalizerInterceptorContextRef,
};
use aws_sdk_dynamodb::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_sdk_dynamodb::error::BoxError;
use aws_sdk_dynamodb::operation::batch_get_item::BatchGetItemOutput;
use aws_sdk_dynamodb::operation::get_item::GetItemOutput;
use aws_sdk_dynamodb::operation::query::QueryOutput;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub calls: usize,
    pub round_trips: usize,
    /// Items DynamoDB read to answer (a Query's ScannedCount, a GetItem's item, each
    /// item of a BatchGetItem): what read capacity is paid for, whatever the table's size.
    pub items_read: usize,
}

#[derive(Debug, Default)]
struct State {
    tally: Tally,
    in_flight: usize,
}

#[derive(Debug, Default, Clone)]
pub struct RoundTrips(Arc<Mutex<State>>);

impl RoundTrips {
    /// The tally since the last call, starting a new count.
    pub fn take(&self) -> Tally {
        std::mem::take(&mut self.0.lock().expect("counter lock").tally)
    }
}

impl Intercept for RoundTrips {
    fn name(&self) -> &'static str {
        "RoundTrips"
    }

    // Once per call, not per retry: retries are the SDK's business, not the page's design.
    fn read_before_execution(
        &self,
        _context: &BeforeSerializationInterceptorContextRef<'_>,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let mut state = self.0.lock().expect("counter lock");
        if state.in_flight == 0 {
            state.tally.round_trips += 1;
        }
        state.in_flight += 1;
        state.tally.calls += 1;
        Ok(())
    }

    fn read_after_deserialization(
        &self,
        context: &AfterDeserializationInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let Ok(output) = context.output_or_error() else {
            return Ok(());
        };
        let read = if let Some(query) = output.downcast_ref::<QueryOutput>() {
            query.scanned_count().max(0) as usize
        } else if let Some(get) = output.downcast_ref::<GetItemOutput>() {
            usize::from(get.item().is_some())
        } else if let Some(batch) = output.downcast_ref::<BatchGetItemOutput>() {
            batch
                .responses()
                .map_or(0, |tables| tables.values().map(Vec::len).sum())
        } else {
            0
        };
        self.0.lock().expect("counter lock").tally.items_read += read;
        Ok(())
    }

    fn read_after_execution(
        &self,
        _context: &FinalizerInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let mut state = self.0.lock().expect("counter lock");
        state.in_flight = state.in_flight.saturating_sub(1);
        Ok(())
    }
}
