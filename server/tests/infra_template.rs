//! infra/template.yaml against the code: the table is exactly the one the adapter creates,
//! the function's environment is settings the server accepts, and every resource the
//! serverless issue lists is there with its safety settings. (cfn-lint, `sam validate
//! --lint` and checkov check the rest: scripts/check-infra.)
use serde_json::Value;
use server::dynamo_store::table::cloudformation_properties;

fn template() -> serde_norway::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../infra/template.yaml");
    serde_norway::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// YAML to CloudFormation's JSON form: `!Ref x` becomes `{"Ref": x}`, `!If [..]`
/// becomes `{"Fn::If": [..]}`, and so on, at any depth.
fn to_json(value: &serde_norway::Value) -> Value {
    use serde_norway::Value as Yaml;
    match value {
        Yaml::Tagged(tagged) => {
            let tag = tagged.tag.to_string();
            let name = tag.trim_start_matches('!');
            let key = if name == "Ref" {
                "Ref".to_string()
            } else {
                format!("Fn::{name}")
            };
            serde_json::json!({ key: to_json(&tagged.value) })
        }
        Yaml::Mapping(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.as_str().unwrap_or_default().to_string(), to_json(v)))
                .collect(),
        ),
        Yaml::Sequence(items) => Value::Array(items.iter().map(to_json).collect()),
        other => serde_json::to_value(other).unwrap(),
    }
}

#[test]
fn the_template_table_equals_the_adapters_table() {
    let template = template();
    let table = &template["Resources"]["SessionsTable"];
    assert_eq!(table["Type"].as_str(), Some("AWS::DynamoDB::Table"));
    let declared = to_json(&table["Properties"]);
    let expected = cloudformation_properties();
    for (key, value) in expected.as_object().unwrap() {
        assert_eq!(
            &declared[key], value,
            "{key} differs between template and table.rs"
        );
    }
}

#[test]
fn the_table_is_kept_safe() {
    let template = template();
    let table = &template["Resources"]["SessionsTable"];
    assert_eq!(table["DeletionPolicy"].as_str(), Some("Retain"));
    let properties = to_json(&table["Properties"]);
    assert_eq!(
        properties["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"],
        true
    );
    assert_eq!(
        properties["DeletionProtectionEnabled"],
        serde_json::json!({"Fn::If": ["IsProd", true, false]}),
        "deletion protection in prod"
    );
    assert_eq!(properties["TimeToLiveSpecification"]["Enabled"], true);
}

fn resources_of_type(template: &serde_norway::Value, kind: &str) -> Vec<(String, Value)> {
    to_json(&template["Resources"])
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, r)| r["Type"] == kind)
        .map(|(name, r)| (name.clone(), r.clone()))
        .collect()
}

fn one(template: &serde_norway::Value, kind: &str) -> Value {
    let found = resources_of_type(template, kind);
    assert_eq!(found.len(), 1, "one {kind}");
    found[0].1.clone()
}

#[test]
fn the_functions_environment_is_settings_the_server_accepts() {
    let function = one(&template(), "AWS::Serverless::Function");
    let env = function["Properties"]["Environment"]["Variables"]
        .as_object()
        .unwrap()
        .clone();
    // References (!Ref, !Sub) become plausible values.
    let lookup = |name: &str| -> Option<String> {
        let value = env.get(name)?;
        Some(match value.as_str() {
            Some(text) if !text.contains("${") => text.to_string(),
            _ => match name {
                "COGNITO_USER_POOL_ID" => "eu-west-1_Pool42".into(),
                "SITE_URL" => "https://seisiun.example".into(),
                _ => "placeholder".into(),
            },
        })
    };
    let settings = server::config::Settings::from_lookup(lookup).expect("valid settings");
    assert!(matches!(
        settings.store,
        server::config::StoreKind::DynamoDb { .. }
    ));
    assert!(matches!(
        settings.identity,
        server::config::IdentityKind::Cognito(_)
    ));
    assert!(
        !settings.demo.seed_when_empty,
        "never seeds demo data in AWS"
    );
    assert_eq!(
        settings.client_ip_header.as_deref(),
        Some("cloudfront-viewer-address")
    );
    assert!(
        settings.origin_secret.is_some(),
        "answers only through CloudFront"
    );
}

#[test]
fn every_listed_resource_is_declared_with_its_safety_settings() {
    let template = template();
    let function = one(&template, "AWS::Serverless::Function")["Properties"].clone();
    assert_eq!(function["Architectures"], serde_json::json!(["arm64"]));
    assert_eq!(function["Runtime"], "provided.al2023");
    assert!(
        function["ReservedConcurrentExecutions"]["Fn::If"].is_array(),
        "per stage"
    );
    assert_eq!(function["LoggingConfig"]["LogFormat"], "JSON");
    assert!(function["FunctionUrlConfig"].is_object());
    let log_group = one(&template, "AWS::Logs::LogGroup")["Properties"].clone();
    assert!(
        log_group["RetentionInDays"]["Fn::If"].is_array(),
        "a retention per stage"
    );

    let bucket = one(&template, "AWS::S3::Bucket")["Properties"].clone();
    assert_eq!(bucket["VersioningConfiguration"]["Status"], "Enabled");
    assert!(bucket["BucketEncryption"].is_object());
    for block in [
        "BlockPublicAcls",
        "BlockPublicPolicy",
        "IgnorePublicAcls",
        "RestrictPublicBuckets",
    ] {
        assert_eq!(
            bucket["PublicAccessBlockConfiguration"][block], true,
            "{block}"
        );
    }
    assert!(bucket["LifecycleConfiguration"]["Rules"]
        .to_string()
        .contains("superseded"));
    one(&template, "AWS::CloudFront::OriginAccessControl");

    let distribution =
        one(&template, "AWS::CloudFront::Distribution")["Properties"]["DistributionConfig"].clone();
    assert_eq!(distribution["HttpVersion"], "http2and3");
    assert_eq!(
        distribution["ViewerCertificate"]["MinimumProtocolVersion"],
        "TLSv1.2_2021"
    );
    assert!(
        distribution["CacheBehaviors"]
            .as_array()
            .is_some_and(|b| b.iter().any(|b| b["PathPattern"] == "/pkg/*")),
        "the hashed bundle has its own behavior"
    );
    let headers = one(&template, "AWS::CloudFront::ResponseHeadersPolicy").to_string();
    for needed in [
        "wasm-unsafe-eval",
        "frame-ancestors 'none'",
        "StrictTransportSecurity",
        "ContentTypeOptions",
        "ReferrerPolicy",
    ] {
        assert!(headers.contains(needed), "{needed}");
    }

    one(&template, "AWS::Cognito::UserPool");
    one(&template, "AWS::Cognito::UserPoolClient");
    let group = one(&template, "AWS::Cognito::UserPoolGroup");
    assert_eq!(group["Properties"]["GroupName"], app::model::MODERATORS);

    let alarms: Vec<String> = resources_of_type(&template, "AWS::CloudWatch::Alarm")
        .into_iter()
        .map(|(_, alarm)| alarm.to_string())
        .collect();
    for metric in [
        "Errors",
        "Throttles",
        "p99",
        "5xxErrorRate",
        "ThrottleEvents",
    ] {
        assert!(
            alarms.iter().any(|a| a.contains(metric)),
            "an alarm on {metric}"
        );
    }
    assert!(
        alarms.iter().all(|a| a.contains("AlarmTopic")),
        "every alarm emails"
    );
    one(&template, "AWS::SNS::Subscription");

    for kind in [
        "AWS::Backup::BackupPlan",
        "AWS::Backup::BackupSelection",
        "AWS::GuardDuty::Detector",
    ] {
        assert_eq!(
            one(&template, kind)["Condition"],
            "IsProd",
            "{kind} in prod"
        );
    }
}

fn yaml(path: &str) -> Value {
    let full = format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"));
    to_json(&serde_norway::from_str(&std::fs::read_to_string(full).unwrap()).unwrap())
}

#[test]
fn ci_and_the_pipeline_run_the_readme_test_command_and_deploy_without_stored_keys() {
    let ci = yaml(".github/workflows/ci.yml");
    assert!(ci.to_string().contains("./scripts/test"));
    let buildspec = yaml("infra/buildspec.yml");
    let build = buildspec["phases"]["build"]["commands"].to_string();
    assert!(build.contains("./scripts/test") && build.contains("./scripts/package-lambda"));

    let deploy = yaml(".github/workflows/deploy.yml");
    assert_eq!(deploy["permissions"]["id-token"], "write", "OIDC");
    let text = deploy.to_string();
    assert!(text.contains("role-to-assume"));
    assert!(!text.contains("aws-access-key-id") && !text.contains("AWS_SECRET_ACCESS_KEY"));
    assert_eq!(
        deploy["on"]["push"]["branches"],
        serde_json::json!(["main", "prod"])
    );

    let pipeline = yaml("infra/pipeline.yaml");
    let stages: Vec<&str> = pipeline["Resources"]["Pipeline"]["Properties"]["Stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["Name"].as_str().unwrap())
        .collect();
    assert_eq!(stages, ["Source", "Build", "Test", "Approval", "Prod"]);
    let test_stage = pipeline["Resources"]["Pipeline"]["Properties"]["Stages"][2].to_string();
    assert!(test_stage.contains("CHANGE_SET_REPLACE") && test_stage.contains("CHANGE_SET_EXECUTE"));
    assert!(test_stage.contains("PublishProject"));
}

/// Sitemaps, the feed and robots.txt are cached at the edge without query strings or
/// cookies in the key, so `/sitemap.xml?x=1` cannot reach the origin past the cache.
#[test]
fn feeds_are_cached_whatever_the_query_string() {
    let template = to_json(&template()["Resources"]);
    let policy = &template["FeedsCachePolicy"]["Properties"]["CachePolicyConfig"];
    let key = &policy["ParametersInCacheKeyAndForwardedToOrigin"];
    assert_eq!(key["QueryStringsConfig"]["QueryStringBehavior"], "none");
    assert_eq!(key["CookiesConfig"]["CookieBehavior"], "none");
    assert!(
        policy["MinTTL"].as_u64().unwrap() >= 60,
        "cached for at least a minute"
    );
    let behaviors = template["Distribution"]["Properties"]["DistributionConfig"]["CacheBehaviors"]
        .as_array()
        .expect("cache behaviors");
    for path in ["/sitemap*", "/feed.atom", "/robots.txt"] {
        let behavior = behaviors
            .iter()
            .find(|b| b["PathPattern"] == path)
            .unwrap_or_else(|| panic!("no behavior for {path}"));
        assert_eq!(
            behavior["CachePolicyId"]["Ref"], "FeedsCachePolicy",
            "{path}"
        );
        assert_eq!(behavior["TargetOriginId"], "function", "{path}");
        assert!(
            behavior.get("OriginRequestPolicyId").is_none(),
            "{path} forwards nothing more"
        );
    }
}
