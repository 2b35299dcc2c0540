//! Counts the DynamoDB calls a piece of work makes, and its round trips: calls that start
//! while another is in flight share a round trip (they wait together). Used by the budget
//! tests (`server/tests/dynamo_budgets.rs`); production clients carry no counter.
use std::sync::{Arc, Mutex};

use aws_sdk_dynamodb::config::interceptors::{
    BeforeSerializationInterceptorContextRef, FinalizerInterceptorContextRef,
};
use aws_sdk_dynamodb::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_sdk_dynamodb::error::BoxError;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub calls: usize,
    pub round_trips: usize,
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
