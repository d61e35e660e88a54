#include "apps/instructor_portal/profiles.hpp"

#include "api/per_user.hpp"
#include "api/validation.hpp"
#include "core/error.hpp"
#include "db/transaction.hpp"

namespace lectern::apps::instructor_portal {

namespace {

constexpr std::size_t kMaxBio = 5000;  // the column is text; a profile is a paragraph or two
constexpr std::size_t kMaxExpertise = 255;
constexpr std::size_t kMaxWebsite = 200;

bool ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Dot-separated labels of letters, digits and inner hyphens.
bool valid_host(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  std::size_t label = 0;
  for (std::size_t i = 0; i < host.size(); ++i) {
    const char c = host[i];
    if (c == '.') {
      if (label == 0 || host[i - 1] == '-') return false;
      label = 0;
    } else if (ascii_alnum(c) || (c == '-' && label > 0)) {
      if (++label > 63) return false;
    } else {
      return false;
    }
  }
  // A name needs a dot (example.com), unless it is localhost.
  return label > 0 && host.back() != '-' &&
         (host.find('.') != std::string_view::npos || host == "localhost");
}

bool valid_port(std::string_view port) {
  if (port.empty() || port.size() > 5) return false;
  for (char c : port) {
    if (c < '0' || c > '9') return false;
  }
  return std::stoi(std::string(port)) <= 65535;
}

void require_instructor(const api::Actor& actor) {
  if (!actor.is_instructor() && !actor.is_admin()) {
    throw ForbiddenError("instructors_only", "Only instructors and admins have a profile.");
  }
}

}  // namespace

bool is_web_url(std::string_view url) {
  std::string_view rest;
  if (url.starts_with("https://")) {
    rest = url.substr(8);
  } else if (url.starts_with("http://")) {
    rest = url.substr(7);
  } else {
    return false;
  }
  for (char c : rest) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7f) return false;
  }
  const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.find('@') != std::string_view::npos) return false;  // no credentials in links
  const auto colon = authority.find(':');
  if (colon != std::string_view::npos && !valid_port(authority.substr(colon + 1))) return false;
  return valid_host(authority.substr(0, colon));
}

InstructorProfile get_profile(db::Connection& db, const api::Actor& actor) {
  require_instructor(actor);
  return api::find_by_user<InstructorProfile>(db, actor.user_id)
      .value_or(InstructorProfile{.user_id = actor.user_id});
}

InstructorProfile put_profile(db::Connection& db, const api::Actor& actor,
                              const ProfileInput& input, Timestamp now) {
  require_instructor(actor);
  api::Validator v;
  v.max_length("bio", input.bio, kMaxBio);
  v.max_length("expertise", input.expertise, kMaxExpertise);
  v.max_length("website", input.website, kMaxWebsite);
  if (input.website && !input.website->empty() && !v.has("website") &&
      !is_web_url(*input.website)) {
    v.fail("website", "Enter an http:// or https:// URL, or leave it empty.");
  }
  v.check();
  return db::in_transaction(db, [&](db::Connection& c) {
    InstructorProfile row = api::ensure_user_row<InstructorProfile>(c, actor.user_id, now);
    row.bio = input.bio.value_or("");
    row.expertise = input.expertise.value_or("");
    row.website = input.website.value_or("");
    row.updated_at = now;
    db::update_record(c, row);
    return row;
  });
}

}  // namespace lectern::apps::instructor_portal
