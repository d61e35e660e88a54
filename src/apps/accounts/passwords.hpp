// Password hashing (argon2id through libsodium) and bearer tokens (random,
// stored only as their SHA-256). Thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace lectern::apps::accounts {

// The work factor of new hashes. Verification reads the factor from the
// stored hash, so changing it never locks anyone out.
struct PasswordCost {
  unsigned long long opslimit = 0;
  std::size_t memlimit = 0;
  // libsodium's interactive limits (2 passes, 64 MiB): production.
  static PasswordCost interactive();
  // The smallest limits libsodium accepts: tests and bulk demo data only.
  static PasswordCost minimal();
};

// "$argon2id$v=19$m=...,t=...,p=1$salt$hash".
std::string hash_password(std::string_view password, PasswordCost cost);
bool verify_password(std::string_view stored_hash, std::string_view password);

// A new random bearer token: 32 bytes, base64url without padding (43 chars).
std::string new_token();
// What is stored for a token: its SHA-256, hex.
std::string token_digest(std::string_view raw_token);

}  // namespace lectern::apps::accounts
