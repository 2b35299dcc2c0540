//! The SES adapter against moto's SES v2: a sender SES has not verified is refused
//! (`Refused`: the digest does not retry it), and once the identity is verified the
//! digest's message goes, with its one-click unsubscribe headers.
use crate::moto;

use server::config::SesSettings;
use server::mail::ses::SesMailer;
use server::mail::{Email, MailError, Mailer};

fn email() -> Email {
    Email {
        to: "aoife@example.org".into(),
        subject: "1 new session in Ennis, Clare, Ireland · Seisiún".into(),
        text: "New: Brand New Ennis Tunes".into(),
        html: "<p>New: Brand New Ennis Tunes</p>".into(),
        unsubscribe_url: "https://seisiun.example/alerts/stop?m=a&f=b&t=c".into(),
    }
}

#[tokio::test]
async fn ses_refuses_an_unverified_sender_and_sends_once_verified() {
    moto::fake_aws_environment();
    let endpoint = moto::endpoint().to_string();
    // A domain of its own, so no other test's identity makes it verified.
    let domain = format!("digest-{}.example", uuid::Uuid::new_v4().simple());
    let mailer = SesMailer::new(SesSettings {
        from: format!("Seisiún <news@{domain}>"),
        configuration_set: None,
        endpoint: Some(endpoint.clone()),
    })
    .await;
    match mailer.send(&email()).await {
        Err(MailError::Refused(reason)) => assert!(reason.contains("not verified"), "{reason}"),
        other => panic!("an unverified sender must be refused, got {other:?}"),
    }

    let config = aws_config::defaults(aws_config::BehaviorVersion::latest())
        .endpoint_url(&endpoint)
        .load()
        .await;
    aws_sdk_sesv2::Client::new(&config)
        .create_email_identity()
        .email_identity(&domain)
        .send()
        .await
        .unwrap();
    mailer
        .send(&email())
        .await
        .expect("sent once the identity is verified");
}
