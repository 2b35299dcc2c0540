//! Amazon SES (v2 `SendEmail`, simple content): the digest's adapter in AWS. The message
//! goes through the configuration set the template makes, whose suppression list drops
//! addresses that bounced or complained, so a dead address is not mailed again.
use async_trait::async_trait;
use aws_sdk_sesv2::error::{DisplayErrorContext, SdkError};
use aws_sdk_sesv2::operation::send_email::SendEmailError;
use aws_sdk_sesv2::types::{Body, Content, Destination, EmailContent, Message, MessageHeader};
use aws_sdk_sesv2::Client;

use super::{Email, MailError, Mailer};
use crate::config::SesSettings;

pub struct SesMailer {
    client: Client,
    settings: SesSettings,
}

impl SesMailer {
    pub async fn new(settings: SesSettings) -> Self {
        let mut config = aws_config::defaults(aws_config::BehaviorVersion::latest());
        if let Some(endpoint) = &settings.endpoint {
            config = config.endpoint_url(endpoint);
        }
        let client = Client::new(&config.load().await);
        Self { client, settings }
    }
}

fn content(text: &str) -> Result<Content, MailError> {
    Content::builder()
        .data(text)
        .charset("UTF-8")
        .build()
        .map_err(|e| MailError::Refused(e.to_string()))
}

fn mail_error(err: SdkError<SendEmailError>) -> MailError {
    let detail = DisplayErrorContext(&err).to_string();
    match err.as_service_error() {
        Some(
            SendEmailError::TooManyRequestsException(_)
            | SendEmailError::LimitExceededException(_)
            | SendEmailError::SendingPausedException(_),
        ) => MailError::Unavailable(detail),
        Some(_) => MailError::Refused(detail),
        // Timeouts and dispatch failures: the service may be back for the next run.
        None => MailError::Unavailable(detail),
    }
}

#[async_trait]
impl Mailer for SesMailer {
    async fn send(&self, email: &Email) -> Result<(), MailError> {
        let mut message = Message::builder().subject(content(&email.subject)?).body(
            Body::builder()
                .text(content(&email.text)?)
                .html(content(&email.html)?)
                .build(),
        );
        for (name, value) in super::unsubscribe_headers(email) {
            message = message.headers(
                MessageHeader::builder()
                    .name(name)
                    .value(value)
                    .build()
                    .map_err(|e| MailError::Refused(e.to_string()))?,
            );
        }
        self.client
            .send_email()
            .from_email_address(&self.settings.from)
            .destination(Destination::builder().to_addresses(&email.to).build())
            .content(EmailContent::builder().simple(message.build()).build())
            .set_configuration_set_name(self.settings.configuration_set.clone())
            .send()
            .await
            .map_err(mail_error)?;
        Ok(())
    }
}
