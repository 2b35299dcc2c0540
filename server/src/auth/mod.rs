//! Accounts: verifying the tokens an identity provider (Cognito, or the local provider)
//! issues. One verifier serves both; only the issuer and key URL differ.
pub mod local;
pub mod verifier;
