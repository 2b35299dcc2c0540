//! The OpenAPI 3 document, generated from the handlers' annotations and the types.
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Seisiún public API",
        version = "1",
        description = "Read-only access to Seisiún's directory of Irish traditional music sessions. \
            Lists are paged: pass a page's `next_cursor` as `cursor` for the next one."
    ),
    paths(
        super::list_sessions,
        super::search,
        super::near,
        super::session,
        super::places,
    ),
    components(schemas(super::ErrorBody, super::ErrorDetail, super::ApiPlace)),
    tags(
        (name = "sessions", description = "Sessions by place, by search, near a point, one by one"),
        (name = "places", description = "Countries, areas and towns with sessions"),
    )
)]
pub struct ApiDoc;
