//! The one table definition: keys, indexes and billing. `server create-table` creates it for
//! local use (moto, DynamoDB Local); the CloudFormation template must declare the same, and
//! a test compares the two, so they cannot drift.
use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, GlobalSecondaryIndex, KeySchemaElement, KeyType, Projection,
    ProjectionType, ScalarAttributeType,
};
use aws_sdk_dynamodb::Client;

/// A global secondary index over the session items: its name and key attributes.
pub struct IndexSpec {
    pub name: &'static str,
    pub partition_key: &'static str,
    pub sort_key: &'static str,
}

/// Sessions by folded name (one partition, `ALL`).
pub const BY_NAME: IndexSpec = IndexSpec {
    name: "by_name",
    partition_key: "gsi1pk",
    sort_key: "gsi1sk",
};
/// Sessions by place: partition per country, sorted by area, town and name.
pub const BY_PLACE: IndexSpec = IndexSpec {
    name: "by_place",
    partition_key: "gsi2pk",
    sort_key: "gsi2sk",
};
/// Sessions by creation time (one partition, read newest first).
pub const BY_CREATED: IndexSpec = IndexSpec {
    name: "by_created",
    partition_key: "gsi3pk",
    sort_key: "gsi3sk",
};

pub const INDEXES: [&IndexSpec; 3] = [&BY_NAME, &BY_PLACE, &BY_CREATED];

fn key(name: &str, kind: KeyType) -> KeySchemaElement {
    KeySchemaElement::builder()
        .attribute_name(name)
        .key_type(kind)
        .build()
        .expect("key schema fields are set")
}

fn string_attribute(name: &str) -> AttributeDefinition {
    AttributeDefinition::builder()
        .attribute_name(name)
        .attribute_type(ScalarAttributeType::S)
        .build()
        .expect("attribute fields are set")
}

/// Every key attribute of the table and its indexes (all strings).
pub fn attribute_names() -> Vec<&'static str> {
    let mut names = vec!["pk", "sk"];
    for index in INDEXES {
        names.extend([index.partition_key, index.sort_key]);
    }
    names
}

/// Creates the table with on-demand billing; an existing table is left as it is.
pub async fn create_table(client: &Client, table: &str) -> Result<bool, String> {
    let mut request = client
        .create_table()
        .table_name(table)
        .billing_mode(BillingMode::PayPerRequest)
        .key_schema(key("pk", KeyType::Hash))
        .key_schema(key("sk", KeyType::Range));
    for name in attribute_names() {
        request = request.attribute_definitions(string_attribute(name));
    }
    for index in INDEXES {
        request = request.global_secondary_indexes(
            GlobalSecondaryIndex::builder()
                .index_name(index.name)
                .key_schema(key(index.partition_key, KeyType::Hash))
                .key_schema(key(index.sort_key, KeyType::Range))
                .projection(
                    Projection::builder()
                        .projection_type(ProjectionType::All)
                        .build(),
                )
                .build()
                .map_err(|e| e.to_string())?,
        );
    }
    match request.send().await {
        Ok(_) => Ok(true),
        Err(err) => {
            use aws_sdk_dynamodb::error::ProvideErrorMetadata;
            if err.code() == Some("ResourceInUseException") {
                Ok(false)
            } else {
                Err(format!(
                    "cannot create table {table}: {}",
                    aws_sdk_dynamodb::error::DisplayErrorContext(&err)
                ))
            }
        }
    }
}

/// The table's keys and indexes in CloudFormation's shape (`AWS::DynamoDB::Table`
/// properties), from the same constants `create_table` uses: the template must match it.
pub fn cloudformation_properties() -> serde_json::Value {
    use serde_json::json;
    let key_schema = |hash: &str, range: &str| {
        json!([
            { "AttributeName": hash, "KeyType": "HASH" },
            { "AttributeName": range, "KeyType": "RANGE" },
        ])
    };
    json!({
        "BillingMode": "PAY_PER_REQUEST",
        "KeySchema": key_schema("pk", "sk"),
        "AttributeDefinitions": attribute_names()
            .iter()
            .map(|name| json!({ "AttributeName": name, "AttributeType": "S" }))
            .collect::<Vec<_>>(),
        "GlobalSecondaryIndexes": INDEXES
            .iter()
            .map(|index| json!({
                "IndexName": index.name,
                "KeySchema": key_schema(index.partition_key, index.sort_key),
                "Projection": { "ProjectionType": "ALL" },
            }))
            .collect::<Vec<_>>(),
    })
}
