//! The CloudFormation template declares exactly the table the adapter creates: same keys,
//! attributes and indexes. Change one without the other and this fails.
use serde_json::Value;
use server::dynamo_store::table::cloudformation_properties;

fn template() -> serde_norway::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../infra/template.yaml");
    serde_norway::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// YAML to JSON, dropping CloudFormation's tags (`!Sub`, `!Ref`): only plain values matter
/// for the comparison.
fn to_json(value: &serde_norway::Value) -> Value {
    match value {
        serde_norway::Value::Tagged(tagged) => to_json(&tagged.value),
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
    assert_eq!(properties["DeletionProtectionEnabled"], true);
}
