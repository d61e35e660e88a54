#include "api/openapi.hpp"

#include <functional>
#include <map>
#include <set>

#include "core/text.hpp"

namespace lectern::api {

namespace {

std::string_view reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No content";
    case 400:
      return "Malformed request (bad JSON, bad query parameter)";
    case 401:
      return "No token, or an unknown or expired one";
    case 403:
      return "Your role does not allow this";
    case 404:
      return "Not found, or not visible to you";
    case 409:
      return "Conflicts with the current state (a duplicate, already done)";
    case 413:
      return "Body larger than the limit";
    case 422:
      return "Valid JSON that breaks a rule; `fields` says which";
    case 429:
      return "Too many attempts; see Retry-After";
    case 503:
      return "The database is unavailable (database_unavailable), its storage is full or "
             "unusable (storage_full, storage_unavailable), or migrations are pending "
             "(migrations_pending); see Retry-After";
    default:
      return "Error";
  }
}

void ref(JsonWriter& w, const std::string& name) {
  w.begin_object();
  w.key("$ref");
  w.string("#/components/schemas/" + name);
  w.end_object();
}

// {"type": "string"}: a schema that says only its type.
void typed(JsonWriter& w, const char* type) {
  w.begin_object();
  w.key("type");
  w.string(type);
  w.end_object();
}

// {"content": {media_type: {"schema": ...}}}
void content(JsonWriter& w, const std::string& media_type,
             const std::function<void()>& write_schema) {
  w.key("content");
  w.begin_object();
  w.key(media_type);
  w.begin_object();
  w.key("schema");
  write_schema();
  w.end_object();
  w.end_object();
}

void json_content(JsonWriter& w, const std::function<void()>& write_schema) {
  content(w, "application/json", write_schema);
}

void write_operation(JsonWriter& w, const ApiRoute& route) {
  const RouteDoc& doc = route.doc;
  w.begin_object();
  w.key("summary");
  w.string(doc.summary);
  w.key("operationId");
  std::string id = lower(route.method);
  for (char c : route.pattern.substr(5))
    id += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  w.string(id);
  w.key("tags");
  w.begin_array();
  w.string(doc.tag);
  w.end_array();
  // Path parameters: every {name} of the pattern.
  std::vector<std::string> params;
  for (std::size_t at = route.pattern.find('{'); at != std::string::npos;
       at = route.pattern.find('{', at + 1)) {
    params.push_back(route.pattern.substr(at + 1, route.pattern.find('}', at) - at - 1));
  }
  if (!params.empty() || doc.paginated) {
    w.key("parameters");
    w.begin_array();
    auto param = [&](const std::string& name, const char* in, bool required) {
      w.begin_object();
      w.key("name");
      w.string(name);
      w.key("in");
      w.string(in);
      w.key("required");
      w.boolean(required);
      w.key("schema");
      w.begin_object();
      w.key("type");
      w.string("integer");
      w.key("minimum");
      w.integer(1);
      w.end_object();
      w.end_object();
    };
    for (const auto& p : params) param(p, "path", true);
    if (doc.paginated) {
      param("page", "query", false);
      param("page_size", "query", false);
    }
    w.end_array();
  }
  if (route.auth == Auth::kRequired) {
    w.key("security");
    w.begin_array();
    w.begin_object();
    w.key("bearer");
    w.begin_array();
    w.end_array();
    w.end_object();
    w.end_array();
  }
  if (doc.request) {
    w.key("requestBody");
    w.begin_object();
    w.key("required");
    w.boolean(true);
    json_content(w, [&] { ref(w, doc.request.name); });
    w.end_object();
  }
  w.key("responses");
  w.begin_object();
  w.key(std::to_string(doc.success_status));
  w.begin_object();
  w.key("description");
  w.string(reason(doc.success_status));
  if (doc.response) {
    json_content(w, [&] {
      if (!doc.paginated) return ref(w, doc.response.name);
      ref(w, "Page");  // {count, page, page_size, results}
    });
  } else if (!doc.text_response.empty()) {
    content(w, doc.text_response, [&] { typed(w, "string"); });
  } else if (route.pattern == "/api/openapi.json") {
    json_content(w, [&] { typed(w, "object"); });
  }
  w.end_object();
  std::set<int> errors(doc.error_statuses.begin(), doc.error_statuses.end());
  errors.insert({400, 500});
  if (route.uses_database) errors.insert(503);
  if (route.auth == Auth::kRequired || doc.request) errors.insert(401);
  if (doc.request) {
    errors.insert(413);
    errors.insert(422);
  }
  for (int status : errors) {
    w.key(std::to_string(status));
    w.begin_object();
    w.key("description");
    w.string(status == 500 ? "A bug: never caused by bad input" : reason(status));
    json_content(w, [&] { ref(w, "Error"); });
    w.end_object();
  }
  w.end_object();
  w.end_object();
}

void error_schema(JsonWriter& w) {
  w.begin_object();
  w.key("type");
  w.string("object");
  w.key("properties");
  w.begin_object();
  w.key("error");
  w.begin_object();
  w.key("type");
  w.string("object");
  w.key("properties");
  w.begin_object();
  for (const char* name : {"code", "message"}) {
    w.key(name);
    typed(w, "string");
  }
  w.key("fields");
  w.begin_object();
  w.key("type");
  w.string("object");
  w.key("additionalProperties");
  typed(w, "string");
  w.end_object();
  w.end_object();
  w.key("required");
  w.begin_array();
  w.string("code");
  w.string("message");
  w.end_array();
  w.end_object();
  w.end_object();
  w.key("required");
  w.begin_array();
  w.string("error");
  w.end_array();
  w.end_object();
}

void page_schema(JsonWriter& w) {
  w.begin_object();
  w.key("type");
  w.string("object");
  w.key("description");
  w.string("One page of a list; results holds items of the operation's item schema.");
  w.key("properties");
  w.begin_object();
  for (const char* name : {"count", "page", "page_size"}) {
    w.key(name);
    typed(w, "integer");
  }
  w.key("results");
  typed(w, "array");
  w.end_object();
  w.end_object();
}

}  // namespace

std::string openapi_document(const std::vector<ApiRoute>& routes) {
  std::map<std::string, std::vector<const ApiRoute*>> paths;
  std::map<std::string, Schema> schemas;
  for (const auto& route : routes) {
    paths[route.pattern].push_back(&route);
    if (route.doc.request) schemas[route.doc.request.name] = route.doc.request;
    if (route.doc.response) schemas[route.doc.response.name] = route.doc.response;
  }
  JsonWriter w;
  w.begin_object();
  w.key("openapi");
  w.string("3.1.0");
  w.key("info");
  w.begin_object();
  w.key("title");
  w.string("Lectern API");
  w.key("version");
  w.string("1");
  w.key("description");
  w.string(
      "JSON over HTTP/1.1. Errors are {\"error\": {\"code\", \"message\", \"fields\"?}}. Lists "
      "take ?page= and ?page_size= (at most 100). Authenticate with Authorization: Bearer "
      "<token> from POST /api/auth/login.");
  w.end_object();
  w.key("paths");
  w.begin_object();
  for (const auto& [pattern, operations] : paths) {
    w.key(pattern);
    w.begin_object();
    for (const ApiRoute* route : operations) {
      w.key(lower(route->method));
      write_operation(w, *route);
    }
    w.end_object();
  }
  w.end_object();
  w.key("components");
  w.begin_object();
  w.key("securitySchemes");
  w.begin_object();
  w.key("bearer");
  w.begin_object();
  w.key("type");
  w.string("http");
  w.key("scheme");
  w.string("bearer");
  w.end_object();
  w.end_object();
  w.key("schemas");
  w.begin_object();
  w.key("Error");
  error_schema(w);
  w.key("Page");
  page_schema(w);
  for (const auto& [name, schema] : schemas) {
    w.key(name);
    schema.write(w);
  }
  w.end_object();
  w.end_object();
  w.end_object();
  return std::move(w).str();
}

}  // namespace lectern::api
