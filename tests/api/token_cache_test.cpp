// The verified-token cache: entries expire, a token or a whole user is
// forgotten, and an answer the database gave before a token or user was
// forgotten is not cached after it (a logout or deactivation racing a
// request cannot keep the token alive).
#include <gtest/gtest.h>

#include "api/api.hpp"

namespace lectern::api {
namespace {

const Timestamp kNow = *parse_timestamp("2026-12-06T10:00:00Z");
const Timestamp kLater = kNow + std::chrono::seconds(5);

TEST(TokenCache, KeepsAVerifiedTokenUntilItsDeadline) {
  TokenCache cache;
  cache.put("token-a", {1, Role::student}, kLater, cache.mark());
  ASSERT_TRUE(cache.find("token-a", kNow));
  EXPECT_EQ(cache.find("token-a", kNow)->user_id, 1);
  EXPECT_FALSE(cache.find("token-a", kLater));
  EXPECT_FALSE(cache.find("token-b", kNow));
}

TEST(TokenCache, ForgetsEveryTokenOfOneUser) {
  TokenCache cache;
  cache.put("a1", {1, Role::admin}, kLater, cache.mark());
  cache.put("a2", {1, Role::admin}, kLater, cache.mark());
  cache.put("b1", {2, Role::student}, kLater, cache.mark());
  cache.forget_user(1);
  EXPECT_FALSE(cache.find("a1", kNow));
  EXPECT_FALSE(cache.find("a2", kNow));
  EXPECT_TRUE(cache.find("b1", kNow));
}

TEST(TokenCache, AnAnswerOlderThanAForgottenUserIsNotCached) {
  TokenCache cache;
  const auto before = cache.mark();  // the database is asked ...
  cache.forget_user(1);              // ... while the user is deactivated
  cache.put("a1", {1, Role::student}, kLater, before);
  EXPECT_FALSE(cache.find("a1", kNow));
  cache.put("a1", {1, Role::student}, kLater, cache.mark());
  EXPECT_TRUE(cache.find("a1", kNow));
}

TEST(TokenCache, AnAnswerOlderThanARevokedTokenIsNotCached) {
  TokenCache cache;
  const auto before = cache.mark();  // a request asks the database ...
  cache.forget("a1");                // ... while a logout revokes the token
  cache.put("a1", {1, Role::student}, kLater, before);
  EXPECT_FALSE(cache.find("a1", kNow));
}

}  // namespace
}  // namespace lectern::api
