//! infra/template.yaml against the code: the table is exactly the one the adapter creates,
//! the function's environment is settings the server accepts, and every resource the
//! serverless issue lists is there with its safety settings. Then what issue 16 found
//! would break a first real deploy, which no linter sees, one test each (with the AWS
//! behaviour behind it in infra/README.md). (cfn-lint, `sam validate --lint` and checkov
//! check the rest: scripts/check-infra.)
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

/// AWS's managed cache policy "CachingDisabled".
const CACHING_DISABLED: &str = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";

/// The distribution's cache behaviour for `path`.
fn behavior_for<'a>(behaviors: &'a [Value], path: &str) -> &'a Value {
    behaviors
        .iter()
        .find(|b| b["PathPattern"] == path)
        .unwrap_or_else(|| panic!("no cache behaviour for {path}"))
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
    assert_eq!(
        table["DeletionPolicy"].as_str(),
        Some("RetainExceptOnCreate")
    );
    let properties = to_json(&table["Properties"]);
    assert_eq!(
        properties["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"],
        true
    );
    assert_eq!(
        properties["DeletionProtectionEnabled"],
        serde_json::json!({"Fn::If": ["Protects", true, false]}),
        "deletion protection in prod, once its stack exists"
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

/// The resource called `name`.
fn named(template: &serde_norway::Value, name: &str) -> Value {
    let found = to_json(&template["Resources"][name]);
    assert!(found.is_object(), "a resource {name}");
    found
}

/// A scheduled function's properties and environment, checked to be the site's own
/// package started as `task`.
fn scheduled_task(
    template: &serde_norway::Value,
    name: &str,
    task: &str,
) -> (Value, serde_json::Map<String, Value>) {
    let site = named(template, "ServerFunction")["Properties"].clone();
    let properties = named(template, name)["Properties"].clone();
    for same in ["CodeUri", "Handler", "Runtime", "Architectures"] {
        assert_eq!(properties[same], site[same], "{name}: {same}");
    }
    let env = properties["Environment"]["Variables"]
        .as_object()
        .unwrap()
        .clone();
    assert_eq!(env[server::lambda::TASK_VARIABLE], task);
    (properties, env)
}

/// The sitemap task is the same package on a schedule: its environment is settings the
/// server accepts, it runs the `sitemap` task at the rate the server's constant names,
/// it has no URL and cannot change sessions, and its failures alarm.
#[test]
fn the_sitemap_is_rebuilt_hourly_by_the_same_package() {
    let template = template();
    let (task, env) = scheduled_task(&template, "SitemapFunction", "sitemap");
    let lookup = |name: &str| -> Option<String> {
        let value = env.get(name)?;
        Some(value.as_str().unwrap_or("placeholder").to_string())
    };
    let settings = server::config::Settings::from_lookup(lookup).expect("valid settings");
    assert!(matches!(
        settings.store,
        server::config::StoreKind::DynamoDb { .. }
    ));
    assert!(!settings.demo.seed_when_empty);

    assert!(
        task["FunctionUrlConfig"].is_null(),
        "no URL: only the schedule starts it"
    );
    let schedule = &task["Events"]["Hourly"];
    assert_eq!(schedule["Type"], "ScheduleV2");
    assert_eq!(
        schedule["Properties"]["ScheduleExpression"],
        format!(
            "rate({} minutes)",
            server::feeds::sitemap::REBUILD_EVERY_MINUTES
        )
    );
    let policy = task["Policies"].to_string();
    for never in [
        "UpdateItem",
        "DeleteItem",
        "TransactWrite",
        "ConditionCheck",
        "Scan",
    ] {
        assert!(!policy.contains(never), "the task needs no {never}");
    }
    let alarm = named(&template, "SitemapErrorsAlarm").to_string();
    assert!(
        alarm.contains("-sitemap") && alarm.contains("AlarmTopic"),
        "{alarm}"
    );
}

#[test]
fn the_functions_environment_is_settings_the_server_accepts() {
    let function = named(&template(), "ServerFunction");
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
    assert!(
        settings.origin_secret_previous.is_some(),
        "accepts the previous secret while it rotates"
    );
}

#[test]
fn every_listed_resource_is_declared_with_its_safety_settings() {
    let template = template();
    let function = named(&template, "ServerFunction")["Properties"].clone();
    assert_eq!(function["Architectures"], serde_json::json!(["arm64"]));
    assert_eq!(function["Runtime"], "provided.al2023");
    assert!(
        function["ReservedConcurrentExecutions"]["Fn::If"].is_array(),
        "only when asked for"
    );
    assert_eq!(function["LoggingConfig"]["LogFormat"], "JSON");
    assert!(function["FunctionUrlConfig"].is_object());
    let log_group = named(&template, "ServerLogGroup")["Properties"].clone();
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
        distribution["ViewerCertificate"]["Fn::If"][1]["MinimumProtocolVersion"], "TLSv1.2_2021",
        "with the stage's own domain"
    );
    assert!(
        distribution["CacheBehaviors"]
            .as_array()
            .is_some_and(|b| b.iter().any(|b| b["PathPattern"] == "/pkg/*")),
        "the hashed bundle has its own behavior"
    );
    // The CSP (with 'wasm-unsafe-eval' and frame-ancestors 'none') comes from the origin,
    // with a nonce per response: see the_edge_leaves_the_content_security_policy_to_the_origin.
    let headers = one(&template, "AWS::CloudFront::ResponseHeadersPolicy").to_string();
    for needed in [
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
        "AWS::Events::Rule",
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
    assert_eq!(stages, ["Source", "Image", "Build", "Test", "Prod"]);
    let test_stage = pipeline["Resources"]["Pipeline"]["Properties"]["Stages"][3].to_string();
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
    for path in ["/sitemap*", "/feed.atom", "/feeds/places/*", "/robots.txt"] {
        let behavior = behavior_for(behaviors, path);
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

/// The front page's language is chosen at the edge, before the cache (the pages' cache key
/// stays free of Accept-Language): the function runs on the default behaviour's viewer
/// requests, and the cache key names no header.
#[test]
fn the_front_page_language_is_chosen_before_the_cache() {
    let template = to_json(&template()["Resources"]);
    let function = &template["LanguageFunction"];
    assert_eq!(function["Type"], "AWS::CloudFront::Function");
    assert_eq!(
        function["Properties"]["FunctionConfig"]["Runtime"],
        "cloudfront-js-2.0"
    );
    assert_eq!(function["Properties"]["AutoPublish"], true);
    let code = function["Properties"]["FunctionCode"].as_str().unwrap();
    assert!(
        code.contains("function handler(event)") && code.contains("'/ga/'"),
        "{code}"
    );
    let default =
        &template["Distribution"]["Properties"]["DistributionConfig"]["DefaultCacheBehavior"];
    let associations = default["FunctionAssociations"]
        .as_array()
        .expect("associations");
    assert_eq!(associations.len(), 1);
    assert_eq!(associations[0]["EventType"], "viewer-request");
    assert_eq!(
        associations[0]["FunctionARN"]["Fn::GetAtt"],
        "LanguageFunction.FunctionARN"
    );
    let pages = &template["PagesCachePolicy"]["Properties"]["CachePolicyConfig"]
        ["ParametersInCacheKeyAndForwardedToOrigin"];
    assert_eq!(pages["HeadersConfig"]["HeaderBehavior"], "none");
    // The origin sees what the rule and a form's language need (not in the key).
    let forwarded = list(
        &template["PagesOriginRequestPolicy"]["Properties"]["OriginRequestPolicyConfig"]
            ["HeadersConfig"]["Headers"],
    );
    for header in ["Accept-Language", "Sec-Fetch-Site", "Referer"] {
        assert!(
            forwarded.contains(&Value::from(header)),
            "{header} reaches the origin"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Issue 16: what would break a first real deploy. Each test fails on the templates and
// scripts as they were before it (checked when each was written).

fn text(path: &str) -> String {
    std::fs::read_to_string(format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn pipeline() -> Value {
    yaml("infra/pipeline.yaml")
}

/// A value that may be one item or a list, as a list (IAM's Action and Resource).
fn list(value: &Value) -> Vec<Value> {
    match value {
        Value::Array(items) => items.clone(),
        Value::Null => vec![],
        one => vec![one.clone()],
    }
}

/// Every statement of a role's inline policies.
fn statements(role: &Value) -> Vec<Value> {
    list(&role["Properties"]["Policies"])
        .iter()
        .flat_map(|p| list(&p["PolicyDocument"]["Statement"]))
        .collect()
}

fn allows(statement: &Value, action: &str) -> bool {
    statement["Effect"] == "Allow"
        && list(&statement["Action"]).iter().any(|a| {
            let a = a.as_str().unwrap_or_default();
            a == action || a.strip_suffix('*').is_some_and(|p| action.starts_with(p))
        })
}

/// The actions of one pipeline stage, by name.
fn stage_actions(pipeline: &Value, stage: &str) -> Vec<Value> {
    pipeline["Resources"]["Pipeline"]["Properties"]["Stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["Name"] == stage)
        .unwrap_or_else(|| panic!("no stage {stage}"))["Actions"]
        .as_array()
        .unwrap()
        .clone()
}

fn run_order(actions: &[Value], name: &str) -> u64 {
    let action = actions
        .iter()
        .find(|a| a["Name"] == name)
        .unwrap_or_else(|| panic!("no action {name}"));
    action["RunOrder"].as_u64().unwrap_or(1)
}

/// Point 1: CloudWatch alarms and EventBridge rules publish to an encrypted topic only if the
/// key's policy lets their service principals use it; the AWS-managed alias/aws/sns's
/// policy cannot be changed, so with it no alarm is ever emailed.
#[test]
fn the_alarm_topics_key_lets_cloudwatch_and_eventbridge_publish() {
    let resources = to_json(&template()["Resources"]);
    let key_ref = &resources["AlarmTopic"]["Properties"]["KmsMasterKeyId"];
    assert_ne!(
        key_ref, "alias/aws/sns",
        "the AWS-managed key refuses both services"
    );
    let key_name = key_ref["Ref"]
        .as_str()
        .expect("a key of the stack's own (Ref)");
    let key = &resources[key_name];
    assert_eq!(key["Type"], "AWS::KMS::Key");
    assert_eq!(key["Properties"]["EnableKeyRotation"], true);
    let policy = list(&key["Properties"]["KeyPolicy"]["Statement"]);
    for service in ["cloudwatch.amazonaws.com", "events.amazonaws.com"] {
        let granted = |action: &str| {
            policy.iter().any(|s| {
                list(&s["Principal"]["Service"]).contains(&Value::from(service))
                    && allows(s, action)
            })
        };
        assert!(
            granted("kms:Decrypt") && granted("kms:GenerateDataKey"),
            "{service} may encrypt for the topic"
        );
    }
}

/// Point 2: Creating a change set of a SAM template also needs CreateChangeSet on the transform
/// itself, whose ARN is AWS's.
#[test]
fn the_pipeline_may_create_change_sets_of_a_sam_template() {
    assert_eq!(
        template()["Transform"].as_str(),
        Some("AWS::Serverless-2016-10-31")
    );
    let role = &pipeline()["Resources"]["PipelineRole"];
    let transform = serde_json::json!({
        "Fn::Sub": "arn:aws:cloudformation:${AWS::Region}:aws:transform/Serverless-2016-10-31"
    });
    assert!(
        statements(role)
            .iter()
            .any(|s| allows(s, "cloudformation:CreateChangeSet")
                && list(&s["Resource"]).contains(&transform)),
        "cloudformation:CreateChangeSet on the Serverless transform"
    );
}

/// Point 3: The test command needs Debian's chromium and Node 20.10 or later
/// (`node --test --test-concurrency`); CodeBuild's standard images are Ubuntu with Node 18.
/// The build runs in an image built from infra/ci.Dockerfile, which installs them and
/// every pinned tool.
#[test]
fn codebuild_runs_the_test_command_in_an_image_that_can() {
    let resources = pipeline()["Resources"].clone();
    for project in ["BuildProject", "PublishProject", "SmokeProject"] {
        let environment = &resources[project]["Properties"]["Environment"];
        assert_eq!(
            environment["Image"],
            serde_json::json!({"Fn::Sub": "${CiImageRepository.RepositoryUri}:current"}),
            "{project} runs in the CI image"
        );
        assert_eq!(environment["ImagePullCredentialsType"], "SERVICE_ROLE");
    }
    let image_build = resources["ImageProject"]["Properties"]["Source"]["BuildSpec"].to_string();
    assert!(image_build.contains("docker build -f infra/ci.Dockerfile"));
    let stages = stage_names(&pipeline());
    assert!(
        stages.iter().position(|s| s == "Image") < stages.iter().position(|s| s == "Build"),
        "the image is built before the build uses it"
    );

    let dockerfile = text("infra/ci.Dockerfile");
    let base = dockerfile
        .lines()
        .find(|l| l.starts_with("FROM "))
        .expect("a FROM line");
    assert!(base.contains("-trixie"), "Debian trixie: {base}");
    let ci = text(".github/workflows/ci.yml");
    let toolchain = ci
        .lines()
        .find_map(|l| l.trim().strip_prefix("toolchain: "))
        .unwrap()
        .trim_matches('"');
    assert!(
        base.contains(&format!("rust:{toolchain}-")),
        "the image's Rust ({base}) is CI's ({toolchain})"
    );
    for needed in [
        "chromium",
        "nodejs",
        "scripts/bootstrap --browser",
        "ziglang==$ZIG_VERSION",
        "wasm32-unknown-unknown",
        "aarch64-unknown-linux-gnu",
    ] {
        assert!(dockerfile.contains(needed), "the image installs {needed}");
    }
    // Debian trixie's Node is 20.19; the image refuses to build with anything before 20.10.
    assert!(
        dockerfile.contains("major < 20 || (major === 20 && minor < 10)"),
        "the image checks Node >= 20.10"
    );

    let buildspec = yaml("infra/buildspec.yml");
    let spec = buildspec.to_string();
    assert!(
        !spec.contains("rustup.rs") && !spec.contains("runtime-versions"),
        "nothing is installed at build time"
    );
    let cached = buildspec["cache"]["paths"].to_string();
    assert!(cached.contains("/usr/local/cargo/registry") && cached.contains("seisiun-target"));
}

fn stage_names(pipeline: &Value) -> Vec<String> {
    pipeline["Resources"]["Pipeline"]["Properties"]["Stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["Name"].as_str().unwrap().to_string())
        .collect()
}

/// Point 4: Retained resources with fixed names make a failed first deploy, and a teardown
/// followed by a redeploy, fail on "already exists": they are deleted when their create
/// rolls back, and a stage's teardown (not prod's) deletes what the stack kept.
#[test]
fn a_failed_create_or_a_teardown_leaves_nothing_in_the_way() {
    let resources = to_json(&template()["Resources"]);
    for name in ["SessionsTable", "AssetsBucket", "BackupVault", "UserPool"] {
        assert_eq!(
            resources[name]["DeletionPolicy"], "RetainExceptOnCreate",
            "{name}"
        );
    }
    let purge = text("infra/publish/purge.py");
    for (name, resource) in resources.as_object().unwrap() {
        let policy = resource["DeletionPolicy"].as_str().unwrap_or("Delete");
        assert_ne!(policy, "Retain", "{name}: RetainExceptOnCreate, not Retain");
        if policy.starts_with("Retain") {
            let kind = resource["Type"].as_str().unwrap();
            assert!(purge.contains(kind), "purge.py deletes {kind} ({name})");
        }
    }
    // Deletion protection would stop the rollback too: never on while prod is created.
    assert_eq!(
        to_json(&template()["Conditions"]["Protects"]),
        serde_json::json!({"Fn::And": [{"Fn::Condition": "IsProd"}, {"Fn::Equals": [{"Ref": "ProtectData"}, "true"]}]})
    );
    assert_eq!(
        pipeline()["Parameters"]["ProdProtectData"]["Default"],
        "false"
    );
    let teardown = text("scripts/teardown-stage");
    assert!(teardown.contains("purge.py --purge") && teardown.contains("purge.py --list"));
    assert!(
        teardown.contains(r#""$stage" == "prod" ]] && keep_data=true"#)
            || teardown.contains(r#"|| "$stage" == "prod" ]] && keep_data=true"#),
        "prod's data is always kept"
    );
}

/// Point 5: One GuardDuty detector per account and region: a stage's stack cannot create one
/// where it exists, and deleting that stack would switch GuardDuty off for the account.
#[test]
fn the_guardduty_detector_is_the_accounts_not_a_stages() {
    let template = template();
    assert!(resources_of_type(&template, "AWS::GuardDuty::Detector").is_empty());
    let rule = one(&template, "AWS::Events::Rule");
    assert!(rule.to_string().contains("aws.guardduty") && rule.to_string().contains("AlarmTopic"));
    let account = yaml("infra/account.yaml");
    let detector = &account["Resources"]["GuardDutyDetector"];
    assert_eq!(detector["Type"], "AWS::GuardDuty::Detector");
    assert_eq!(
        detector["Condition"], "CreatesDetector",
        "skipped where the account has one"
    );
    assert!(text("scripts/check-infra").contains("account.yaml"));
}

/// Point 6: The function's pages name the bundle of their release: its files are uploaded
/// before the function changes (the pipeline, scripts/deploy-stage, and the workflow,
/// which runs scripts/deploy-stage), and recorded after.
#[test]
fn the_bundle_is_uploaded_before_the_function_changes() {
    let pipeline = pipeline();
    for stage in ["Test", "Prod"] {
        let actions = stage_actions(&pipeline, stage);
        let phase = |name: &str| {
            actions.iter().find(|a| a["Name"] == name).unwrap()["Configuration"]
                ["EnvironmentVariables"]
                .to_string()
        };
        assert!(phase("PublishBundle").contains(r#"\"value\": \"upload\""#));
        assert!(phase("FinishPublish").contains(r#"\"value\": \"finish\""#));
        assert!(
            run_order(&actions, "PublishBundle") < run_order(&actions, "ExecuteChangeSet")
                && run_order(&actions, "ExecuteChangeSet") < run_order(&actions, "FinishPublish"),
            "{stage}: upload, execute, finish"
        );
    }
    let publish =
        pipeline["Resources"]["PublishProject"]["Properties"]["Source"]["BuildSpec"].to_string();
    assert!(publish.contains("--phase \\\"$PHASE\\\"") && publish.contains("--stack"));

    let deploy = text("scripts/deploy-stage");
    let at = |needle: &str| {
        deploy
            .find(needle)
            .unwrap_or_else(|| panic!("deploy-stage: {needle}"))
    };
    assert!(at("--phase upload") < at(r#""$SAM_VENV/bin/sam" deploy"#));
    assert!(at(r#""$SAM_VENV/bin/sam" deploy"#) < at("--phase finish"));
    let workflow = text(".github/workflows/deploy.yml");
    assert!(workflow.contains("./scripts/deploy-stage"));
    assert!(
        !workflow.contains("sam\" deploy") && !workflow.contains("publish.py"),
        "the workflow deploys only through scripts/deploy-stage"
    );
}

/// Point 7: Prod's approver sees prod's change set (created before the approval, linked from
/// the notification), and the test stage has passed a smoke test by then.
#[test]
fn prod_is_approved_with_its_change_set_after_the_test_stage_is_smoke_tested() {
    let pipeline = pipeline();
    let test = stage_actions(&pipeline, "Test");
    assert!(run_order(&test, "SmokeTest") > run_order(&test, "FinishPublish"));
    let smoke = test.iter().find(|a| a["Name"] == "SmokeTest").unwrap();
    assert_eq!(smoke["Configuration"]["ProjectName"]["Ref"], "SmokeProject");
    assert!(smoke.to_string().contains("#{TestStack.SiteUrl}"));
    assert!(pipeline["Resources"]["SmokeProject"]
        .to_string()
        .contains("scripts/smoke-test"));

    let prod = stage_actions(&pipeline, "Prod");
    let approval = prod
        .iter()
        .find(|a| a["ActionTypeId"]["Category"] == "Approval")
        .expect("the approval is in the Prod stage");
    let approve = run_order(&prod, approval["Name"].as_str().unwrap());
    assert!(
        run_order(&prod, "CreateChangeSet") < approve,
        "change set first"
    );
    assert!(approve < run_order(&prod, "PublishBundle"));
    assert!(approve < run_order(&prod, "ExecuteChangeSet"));
    assert_eq!(
        approval["Configuration"]["NotificationArn"]["Ref"],
        "ApprovalTopic"
    );
    assert!(approval["Configuration"]["ExternalEntityLink"]
        .to_string()
        .contains("seisiun-prod"));
    assert!(approval["Configuration"]["CustomData"]
        .to_string()
        .contains("seisiun-prod-release"));

    // The smoke test is itself tested: the test command runs it on the release server.
    assert!(text("scripts/test").contains(r#"scripts/smoke-test" "$BASE_URL""#));
    assert!(text("scripts/deploy-stage").contains("scripts/smoke-test"));
    let smoke_test = text("scripts/smoke-test");
    for checked in [
        "/readyz",
        "/pkg/",
        "application/wasm",
        "/api/home_overview",
        "/api/v1/sessions",
    ] {
        assert!(
            smoke_test.contains(checked),
            "the smoke test checks {checked}"
        );
    }
}

/// Point 8: Cognito's own sender allows about 50 emails a day per account: prod sends through
/// SES (a rule refuses prod without an identity), and the pool is on the tier the costs
/// count on (unset, a new pool is Essentials).
#[test]
fn cognito_sends_through_ses_on_the_lite_tier() {
    let template = template();
    let pool = one(&template, "AWS::Cognito::UserPool")["Properties"].clone();
    assert_eq!(pool["UserPoolTier"], "LITE");
    let email = &pool["EmailConfiguration"]["Fn::If"];
    assert_eq!(email[0], "UsesSes");
    assert_eq!(email[1]["EmailSendingAccount"], "DEVELOPER");
    assert!(email[1]["SourceArn"]
        .to_string()
        .contains(":identity/${SesIdentity}"));
    let rules = to_json(&template["Rules"]);
    let prod = rules
        .as_object()
        .unwrap()
        .values()
        .find(|r| {
            r["RuleCondition"] == serde_json::json!({"Fn::Equals": [{"Ref": "Stage"}, "prod"]})
        })
        .expect("a rule for prod");
    assert!(prod["Assertions"].to_string().contains("SesIdentity"));
}

/// Point 9: The deploy role cannot create or pass arbitrary roles (admin-equivalent), has what
/// AWS Backup needs to create a vault, reads only seisiun/* secrets; the build, which
/// runs every third-party dependency, cannot write a stage's bucket.
#[test]
fn pipeline_roles_are_scoped_to_what_each_step_does() {
    let resources = pipeline()["Resources"].clone();
    let deploy = statements(&resources["DeployRole"]);
    for statement in &deploy {
        let resources_of = list(&statement["Resource"]);
        for action in [
            "iam:CreateRole",
            "iam:PutRolePolicy",
            "iam:AttachRolePolicy",
        ] {
            if allows(statement, action) {
                assert!(
                    !resources_of.contains(&Value::from("*")),
                    "{action} on any role"
                );
                assert_eq!(
                    statement["Condition"]["StringEquals"]["iam:PermissionsBoundary"]["Ref"],
                    "AppPermissionsBoundary",
                    "{action} only with the boundary"
                );
            }
        }
        if allows(statement, "iam:PassRole") {
            assert!(statement["Condition"]["StringEquals"]["iam:PassedToService"].is_array());
        }
        if allows(statement, "secretsmanager:GetSecretValue") {
            assert!(resources_of
                .iter()
                .all(|r| r.to_string().contains(":secret:seisiun/")));
        }
        assert!(
            !(statement["Action"] == "*"
                || list(&statement["Action"]).contains(&Value::from("iam:*"))),
            "no wildcard IAM"
        );
    }
    for action in [
        "backup-storage:MountCapsule",
        "kms:CreateGrant",
        "kms:GenerateDataKey",
        "kms:Decrypt",
        "kms:RetireGrant",
        "kms:DescribeKey",
    ] {
        assert!(
            deploy.iter().any(|s| allows(s, action)),
            "{action}: AWS Backup needs it to create the vault"
        );
    }
    // Every role the app's stack creates carries the boundary the deploy role requires.
    let template = template();
    for (name, role) in resources_of_type(&template, "AWS::IAM::Role") {
        assert!(
            role["Properties"]["PermissionsBoundary"]["Fn::If"].is_array(),
            "{name} has the boundary"
        );
    }
    let function = named(&template, "ServerFunction");
    assert!(function["Properties"]["PermissionsBoundary"]["Fn::If"].is_array());
    assert!(resources["Pipeline"]
        .to_string()
        .contains("PermissionsBoundaryArn"));

    let role_of = |project: &str| resources[project]["Properties"]["ServiceRole"].clone();
    assert_ne!(role_of("BuildProject"), role_of("PublishProject"));
    let build = statements(&resources["BuildRole"]);
    for action in [
        "s3:PutObject",
        "cloudfront:CreateInvalidation",
        "cloudformation:DescribeStacks",
    ] {
        assert!(
            build
                .iter()
                .filter(|s| allows(s, action))
                .all(|s| s["Resource"].to_string().contains("ArtifactBucket")),
            "the build role: {action} on nothing but the artifact bucket"
        );
    }
}

/// Point 11: Each stage has its own origin secret, made by its stack; the function is given the
/// current and the previous value, CloudFront sends the current one.
#[test]
fn each_stage_has_its_own_origin_secret() {
    let template = template();
    assert!(template["Parameters"]
        .get("OriginVerifySecretName")
        .is_none());
    let secret = one(&template, "AWS::SecretsManager::Secret");
    assert!(secret["Properties"]["Name"]
        .to_string()
        .contains("seisiun/${Stage}/"));
    assert_eq!(
        secret["Properties"]["GenerateSecretString"]["GenerateStringKey"],
        "current"
    );
    let function = named(&template, "ServerFunction");
    let env = &function["Properties"]["Environment"]["Variables"];
    for (variable, key) in [
        ("ORIGIN_VERIFY_SECRET", ":current"),
        ("ORIGIN_VERIFY_SECRET_PREVIOUS", ":previous"),
    ] {
        let value = env[variable].to_string();
        assert!(
            value.contains("${OriginVerifySecret}:SecretString") && value.contains(key),
            "{variable}: {value}"
        );
    }
    let distribution = one(&template, "AWS::CloudFront::Distribution").to_string();
    assert!(distribution.contains("${OriginVerifySecret}:SecretString:current"));
    assert!(!text("scripts/deploy-stage").contains("create-secret"));
}

/// Point 12: A new account's Lambda concurrency quota is 10 (or 50), and Lambda keeps 10
/// unreserved: any reservation fails there. None unless asked for.
#[test]
fn reserved_concurrency_is_only_set_when_asked_for() {
    let template = template();
    let parameter = &template["Parameters"]["ReservedConcurrency"];
    assert_eq!(parameter["Default"].as_u64(), Some(0));
    let function = named(&template, "ServerFunction");
    assert_eq!(
        function["Properties"]["ReservedConcurrentExecutions"],
        serde_json::json!({"Fn::If": ["ReservesConcurrency", {"Ref": "ReservedConcurrency"}, {"Ref": "AWS::NoValue"}]})
    );
}

/// Point 13: Any stage name (a feature branch's own stage) without a certificate of its own,
/// and names that are global to the account carry the region.
#[test]
fn stages_are_cheap_to_clone() {
    let template = template();
    let stage = &template["Parameters"]["Stage"];
    assert!(stage.get("AllowedValues").is_none(), "any name");
    assert_eq!(
        stage["AllowedPattern"].as_str(),
        Some("^[a-z][a-z0-9-]{1,20}$")
    );
    for optional in ["DomainName", "CertificateArn"] {
        assert_eq!(
            template["Parameters"][optional]["Default"].as_str(),
            Some("")
        );
    }
    let distribution =
        one(&template, "AWS::CloudFront::Distribution")["Properties"]["DistributionConfig"].clone();
    assert_eq!(
        distribution["ViewerCertificate"]["Fn::If"][2],
        serde_json::json!({"CloudFrontDefaultCertificate": true})
    );
    let resources = to_json(&template["Resources"]);
    let name_of = |resource: &str| -> String {
        let r = &resources[resource]["Properties"];
        [
            &r["BucketName"],
            &r["DashboardName"],
            &r["CachePolicyConfig"]["Name"],
            &r["OriginRequestPolicyConfig"]["Name"],
            &r["ResponseHeadersPolicyConfig"]["Name"],
            &r["OriginAccessControlConfig"]["Name"],
        ]
        .iter()
        .find_map(|n| n.as_object().map(|_| n.to_string()))
        .unwrap_or_else(|| panic!("{resource} has a name"))
    };
    for global in [
        "AssetsBucket",
        "Dashboard",
        "AssetsCachePolicy",
        "PagesCachePolicy",
        "FeedsCachePolicy",
        "ApiCachePolicy",
        "PagesOriginRequestPolicy",
        "ApiOriginRequestPolicy",
        "SecurityHeadersPolicy",
        "AssetsOriginAccessControl",
    ] {
        assert!(name_of(global).contains("${AWS::Region}"), "{global}");
    }
    // The longest bucket name: a 21-character stage, a 14-character region.
    let bucket = resources["AssetsBucket"]["Properties"]["BucketName"]["Fn::Sub"]
        .as_str()
        .unwrap()
        .replace("${Stage}", &"s".repeat(21))
        .replace("${AWS::AccountId}", "123456789012")
        .replace("${AWS::Region}", "ap-southeast-2");
    assert!(bucket.len() <= 63, "{bucket}: S3 allows 63 characters");
}

/// Point 14: The public API is cached by exactly the query parameters its OpenAPI document
/// declares: any other parameter is neither in the key nor sent on, so it cannot make a
/// request miss the cache.
#[test]
fn the_api_is_cached_by_the_parameters_it_declares() {
    use utoipa::OpenApi;
    let document = serde_json::to_value(server::api_v1::openapi::ApiDoc::openapi()).unwrap();
    let mut declared: Vec<String> = document["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|path| path.as_object().unwrap().values())
        .flat_map(|operation| list(&operation["parameters"]))
        .filter(|p| p["in"] == "query")
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect();
    declared.sort();
    declared.dedup();
    let resources = to_json(&template()["Resources"]);
    let key = &resources["ApiCachePolicy"]["Properties"]["CachePolicyConfig"]
        ["ParametersInCacheKeyAndForwardedToOrigin"];
    assert_eq!(
        key["QueryStringsConfig"]["QueryStringBehavior"],
        "whitelist"
    );
    let mut keyed: Vec<String> = list(&key["QueryStringsConfig"]["QueryStrings"])
        .iter()
        .map(|q| q.as_str().unwrap().to_string())
        .collect();
    keyed.sort();
    assert_eq!(keyed, declared);
    assert_eq!(key["CookiesConfig"]["CookieBehavior"], "none");
    let forwarded = &resources["ApiOriginRequestPolicy"]["Properties"]["OriginRequestPolicyConfig"];
    assert_eq!(
        forwarded["QueryStringsConfig"]["QueryStringBehavior"],
        "none"
    );
    assert_eq!(forwarded["CookiesConfig"]["CookieBehavior"], "none");
    let behaviors =
        resources["Distribution"]["Properties"]["DistributionConfig"]["CacheBehaviors"].clone();
    let api = list(&behaviors)
        .into_iter()
        .find(|b| b["PathPattern"] == "/api/v1*")
        .expect("a behavior for the API");
    assert_eq!(api["CachePolicyId"]["Ref"], "ApiCachePolicy");
}

/// Point 15: A dashboard to run the stage from, a budget that emails, and prod's function
/// versions shifted by a canary that rolls back on the alarms.
#[test]
fn a_dashboard_a_budget_and_safe_deploys() {
    let template = template();
    let dashboard = one(&template, "AWS::CloudWatch::Dashboard").to_string();
    for metric in [
        "Invocations",
        "\\\"Errors\\\"",
        "p95",
        "ConsumedReadCapacityUnits",
        "ConsumedWriteCapacityUnits",
        "ReadThrottleEvents",
        "5xxErrorRate",
    ] {
        assert!(dashboard.contains(metric), "the dashboard shows {metric}");
    }
    let budget = yaml("infra/account.yaml")["Resources"]["MonthlyBudget"].clone();
    assert_eq!(budget["Type"], "AWS::Budgets::Budget");
    assert!(budget.to_string().contains("EMAIL"));

    let function = named(&template, "ServerFunction")["Properties"].clone();
    assert_eq!(function["AutoPublishAlias"], "live");
    let preference = &function["DeploymentPreference"];
    assert_eq!(preference["Enabled"]["Ref"], "SafeDeploy");
    assert!(preference["Type"].as_str().unwrap().starts_with("Canary"));
    assert!(
        list(&preference["Alarms"]).contains(&serde_json::json!({"Ref": "FunctionErrorsAlarm"}))
    );
    let prod = stage_actions(&pipeline(), "Prod");
    let create = prod
        .iter()
        .find(|a| a["Name"] == "CreateChangeSet")
        .unwrap();
    assert!(create["Configuration"]["ParameterOverrides"]
        .to_string()
        .contains(r#"\"SafeDeploy\": \"true\""#));
}

/// Point 16: The costs in infra/README.md use the sizes measured in README.md's table (bundle
/// and HTML), say what cache hit ratio they assume, and price backups at DynamoDB's
/// $0.10 per GB-month.
#[test]
fn the_costs_use_the_measured_sizes() {
    let readme = text("README.md");
    let measured = |row: &str| -> f64 {
        let line = readme
            .lines()
            .find(|l| l.starts_with(&format!("| {row}")))
            .unwrap_or_else(|| panic!("README.md measures {row}"));
        // "…, 757 KB brotli …": the number before the first "KB brotli".
        let before = &line[..line.find(" KB brotli").unwrap()];
        before
            .rsplit([' ', '|', ','])
            .next()
            .unwrap()
            .replace(',', "")
            .parse()
            .unwrap()
    };
    let bundle = measured("WASM bundle") + measured("JS glue") + measured("CSS");
    let html = measured("home page HTML");
    let costs = text("infra/README.md");
    let section = &costs[costs
        .find("## Cost per million page views")
        .expect("a cost section")..];
    assert!(
        section.contains(&format!("{bundle:.0} KB")),
        "the bundle as measured: {bundle:.0} KB"
    );
    assert!(
        section.contains(&format!("{html} KB")),
        "the home page HTML as measured: {html} KB"
    );
    assert!(section.contains("cache hit ratio"));
    assert!(
        section.contains("$0.10 / GB-month"),
        "DynamoDB backups' rate"
    );
}

/// The origin sends a strict CSP with a fresh nonce per response; a policy set at the edge
/// (it used to allow `'unsafe-inline'`) would replace it and undo both. CloudFront's
/// headers policy must leave the CSP to the origin and agree with the origin's others.
#[test]
fn the_edge_leaves_the_content_security_policy_to_the_origin() {
    let template = to_json(&template());
    let headers = &template["Resources"]["SecurityHeadersPolicy"]["Properties"]
        ["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"];
    assert!(
        headers.is_object(),
        "the policy still sets the other headers"
    );
    assert!(
        headers.get("ContentSecurityPolicy").is_none(),
        "no CSP at the edge: {headers}"
    );
    assert_eq!(headers["FrameOptions"]["FrameOption"], "DENY");
    assert_eq!(
        headers["ReferrerPolicy"]["ReferrerPolicy"],
        server::security_headers::REFERRER_POLICY
    );
}

/// Issue 16 point 14: pages are cached by the parameters visitor pages depend on, no
/// others, so an unknown parameter cannot bypass the edge cache; account pages, which
/// depend on more (`next`, `email`, a refused form's error), are never cached there.
#[test]
fn pages_are_cached_by_the_parameters_they_depend_on() {
    let template = to_json(&template());
    let resources = &template["Resources"];
    let key = &resources["PagesCachePolicy"]["Properties"]["CachePolicyConfig"]
        ["ParametersInCacheKeyAndForwardedToOrigin"]["QueryStringsConfig"];
    assert_eq!(key["QueryStringBehavior"], "whitelist", "{key}");
    let mut listed: Vec<&str> = key["QueryStrings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let mut wanted = app::api::PAGE_PARAMS.to_vec();
    listed.sort_unstable();
    wanted.sort_unstable();
    assert_eq!(listed, wanted, "the key is what visitor pages read");
    let behaviors = resources["Distribution"]["Properties"]["DistributionConfig"]["CacheBehaviors"]
        .as_array()
        .unwrap();
    // In both languages.
    for path in ["/account*", "/ga/account*"] {
        let account = behavior_for(behaviors, path);
        assert_eq!(account["CachePolicyId"], CACHING_DISABLED, "{path}");
    }
    // Every parameter and cookie still reaches the origin for pages.
    let origin = &resources["PagesOriginRequestPolicy"]["Properties"]["OriginRequestPolicyConfig"];
    assert_eq!(origin["QueryStringsConfig"]["QueryStringBehavior"], "all");
}

/// Every file in `public/` (icons, the manifest, the service worker, the offline page)
/// is published to S3, not packaged with the function: CloudFront must send each one's
/// path to the bucket, or a deployed site would answer it with the app's 404 and could
/// neither be installed nor read offline.
#[test]
fn every_public_file_is_served_from_the_bucket() {
    let template = to_json(&template()["Resources"]);
    let behaviors = template["Distribution"]["Properties"]["DistributionConfig"]["CacheBehaviors"]
        .as_array()
        .expect("cache behaviors");
    // CloudFront's path patterns: `*` matches any run of characters.
    let matches = |pattern: &str, path: &str| match pattern.split_once('*') {
        Some((head, tail)) => path.starts_with(head) && path[head.len()..].ends_with(tail),
        None => pattern == path,
    };
    let public = concat!(env!("CARGO_MANIFEST_DIR"), "/../public");
    let mut checked = 0;
    for entry in std::fs::read_dir(public).unwrap() {
        let path = format!("/{}", entry.unwrap().file_name().to_string_lossy());
        let behavior = behaviors
            .iter()
            .find(|b| matches(b["PathPattern"].as_str().unwrap(), &path))
            .unwrap_or_else(|| panic!("no behavior sends {path} anywhere"));
        assert_eq!(behavior["TargetOriginId"], "assets", "{path}");
        checked += 1;
    }
    assert!(
        checked >= 7,
        "the icons, manifest, worker and offline page: {checked}"
    );
}

// ---------------------------------------------------------------------------------------
// Issue 17: the digest in AWS.

/// The digest is the same package on a daily schedule in Ireland's morning, configured as
/// the server accepts (SES, the template's configuration set), allowed to send only as the
/// one identity through the one set and to touch only what the digest touches; the set
/// suppresses addresses that bounced or complained, and failures and bad rates alarm.
#[test]
fn the_digest_runs_daily_from_the_same_package_and_sends_only_as_the_site() {
    let template = template();
    assert_eq!(
        named(&template, "DigestFunction")["Condition"],
        "UsesSes",
        "only with an SES identity"
    );
    let (task, env) = scheduled_task(&template, "DigestFunction", "digest");
    let lookup = |name: &str| -> Option<String> {
        let value = env.get(name)?;
        Some(match value.as_str() {
            Some(text) => text.to_string(),
            None => match name {
                "MAIL_FROM" => "Seisiún <news@seisiun.example>".into(),
                "SITE_URL" => "https://seisiun.example".into(),
                _ => "placeholder".into(),
            },
        })
    };
    let settings = server::config::Settings::from_lookup(lookup).expect("valid settings");
    let server::config::MailKind::Ses(ses) = settings.mail else {
        panic!("the digest sends through SES")
    };
    assert!(
        ses.configuration_set.is_some(),
        "through the configuration set"
    );
    assert_eq!(env["SES_CONFIGURATION_SET"]["Ref"], "MailConfigurationSet");
    assert_eq!(env["MAIL_FROM"]["Ref"], "EmailFrom");
    assert!(
        task["FunctionUrlConfig"].is_null(),
        "only the schedule starts it"
    );
    // A digest claimed by a run is sent again once the claim is older than its lease,
    // which is safe only if no run can still be going by then.
    let timeout = task["Timeout"].as_i64().expect("a timeout in seconds");
    assert!(
        timeout < app::model::CLAIM_LEASE.num_seconds(),
        "a run of {timeout} s could outlive a claim's lease"
    );

    let schedule = &task["Events"]["Daily"];
    assert_eq!(schedule["Type"], "ScheduleV2");
    assert_eq!(
        schedule["Properties"]["ScheduleExpression"],
        "cron(0 8 * * ? *)"
    );
    assert_eq!(
        schedule["Properties"]["ScheduleExpressionTimezone"],
        "Europe/Dublin"
    );

    let statements = list(&task["Policies"])
        .iter()
        .flat_map(|p| list(&p["Statement"]))
        .collect::<Vec<_>>();
    let ses_statements: Vec<&Value> = statements
        .iter()
        .filter(|s| {
            list(&s["Action"])
                .iter()
                .any(|a| a.as_str().unwrap_or_default().starts_with("ses:"))
        })
        .collect();
    assert_eq!(ses_statements.len(), 1);
    assert_eq!(ses_statements[0]["Action"], "ses:SendEmail");
    let resources = ses_statements[0]["Resource"].to_string();
    assert!(
        !resources.contains("\"*\""),
        "no wildcard resource: {resources}"
    );
    assert!(
        resources.contains(":identity/${SesIdentity}")
            && resources.contains(":configuration-set/${MailConfigurationSet}"),
        "{resources}"
    );
    let policy = task["Policies"].to_string();
    for never in [
        "UpdateItem",
        "BatchWriteItem",
        "Scan",
        "ses:*",
        "dynamodb:*",
    ] {
        assert!(!policy.contains(never), "the digest needs no {never}");
    }

    let set = named(&template, "MailConfigurationSet")["Properties"].clone();
    assert_eq!(
        set["SuppressionOptions"]["SuppressedReasons"],
        serde_json::json!(["BOUNCE", "COMPLAINT"])
    );
    for alarm in [
        "DigestErrorsAlarm",
        "MailBounceRateAlarm",
        "MailComplaintRateAlarm",
    ] {
        let alarm = named(&template, alarm);
        assert_eq!(alarm["Condition"], "UsesSes");
        assert!(alarm["Properties"]["AlarmActions"]
            .to_string()
            .contains("AlarmTopic"));
    }
}

/// Stop links are one member's each: never cached at the edge, every parameter sent on,
/// and POST allowed for mail apps' one-click unsubscribe.
#[test]
fn stop_links_reach_the_function_uncached_with_their_parameters() {
    assert!(server::alerts::STOP_PATH.starts_with("/alerts/"));
    let template = to_json(&template()["Resources"]);
    let behaviors = template["Distribution"]["Properties"]["DistributionConfig"]["CacheBehaviors"]
        .as_array()
        .expect("cache behaviors")
        .clone();
    // English, and Irish for members who followed from an Irish page.
    for path in ["/alerts/*", "/ga/alerts/*"] {
        let alerts = behavior_for(&behaviors, path);
        assert_eq!(alerts["CachePolicyId"], CACHING_DISABLED, "{path}");
        assert_eq!(
            alerts["OriginRequestPolicyId"]["Ref"],
            "PagesOriginRequestPolicy"
        );
        assert!(list(&alerts["AllowedMethods"]).contains(&Value::from("POST")));
    }
    let forwarded =
        &template["PagesOriginRequestPolicy"]["Properties"]["OriginRequestPolicyConfig"];
    assert_eq!(
        forwarded["QueryStringsConfig"]["QueryStringBehavior"],
        "all"
    );
}
