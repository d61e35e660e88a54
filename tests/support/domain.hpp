// Test support for the apps' services: a BackendTest whose scratch database
// holds the shipped schema (the embedded migrations, applied in SetUp), a
// clock the test moves by hand, and factories for users and courses built
// through the services themselves.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "api/actor.hpp"
#include "apps/accounts/records.hpp"
#include "apps/courses/records.hpp"
#include "support/backends.hpp"

namespace lectern::testing {

class DomainTest : public BackendTest {
 protected:
  void SetUp() override;

  // The test's clock: starts at 2026-03-02T09:00:00Z and moves only by advance().
  Timestamp now() const { return now_; }
  void advance(std::chrono::microseconds by) { now_ += by; }

  // A user with password "password-2026" (minimal argon2 cost).
  apps::accounts::User make_user(const std::string& username, const std::string& role = "student");
  api::Actor actor(const apps::accounts::User& user) const { return {user.id, user.role}; }
  // A user and their Actor in one step.
  api::Actor make_actor(const std::string& username, const std::string& role = "student") {
    return actor(make_user(username, role));
  }
  // A course of `owner` with modules x lessons lessons, published unless told.
  apps::courses::Course make_course(const api::Actor& owner, int modules = 1, int lessons = 2,
                                    bool published = true);
  // The course's lessons in outline order.
  std::vector<apps::courses::Lesson> lessons_of(apps::courses::Id course_id);

 private:
  Timestamp now_;
  int course_counter_ = 0;
};

}  // namespace lectern::testing
