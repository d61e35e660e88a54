#include "apps/courses/attempts.hpp"

#include <map>
#include <set>

#include "api/validation.hpp"
#include "apps/courses/access.hpp"
#include "apps/courses/activity.hpp"
#include "apps/courses/assessments.hpp"
#include "apps/courses/grading.hpp"
#include "apps/courses/notifications.hpp"
#include "apps/courses/stats.hpp"
#include "core/error.hpp"
#include "db/errors.hpp"
#include "db/record.hpp"
#include "db/transaction.hpp"

namespace lectern::apps::courses {

namespace {

constexpr std::size_t kMaxTextAnswer = 2000;

std::optional<Timestamp> deadline_of(const Assessment& assessment,
                                     const AssessmentAttempt& attempt) {
  if (!assessment.time_limit_minutes) return std::nullopt;
  return attempt.started_at + std::chrono::minutes(*assessment.time_limit_minutes);
}

std::string missing_attempt(Id attempt_id) {
  return "No attempt " + std::to_string(attempt_id) + ".";
}

// "83.33" from 8333 hundredths.
std::string format_score(std::int64_t hundredths) {
  const std::int64_t cents = hundredths % 100;
  return std::to_string(hundredths / 100) + (cents < 10 ? ".0" : ".") + std::to_string(cents);
}

// The submitted answers checked against the assessment's questions, as
// responses by question id; ValidationError naming each broken item.
std::map<Id, Response> responses_of(const std::vector<AuthoredQuestion>& questions,
                                    const std::vector<SubmittedAnswer>& answers) {
  std::map<Id, const AuthoredQuestion*> by_id;
  for (const AuthoredQuestion& q : questions) by_id[q.question.id] = &q;
  api::Validator v;
  std::map<Id, Response> out;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const SubmittedAnswer& given = answers[i];
    const std::string item = "answers[" + std::to_string(i) + "].";
    const std::string question_name = "question " + std::to_string(given.question_id);
    auto found = by_id.find(given.question_id);
    if (found == by_id.end()) {
      v.fail(item + "question_id", "No " + question_name + " in this assessment.");
      continue;
    }
    if (out.contains(given.question_id)) {
      v.fail(item + "question_id", "The " + question_name + " is answered twice.");
      continue;
    }
    const AuthoredQuestion& q = *found->second;
    Response response;
    if (q.question.question_type == QuestionType::short_answer) {
      if (given.answer_ids && !given.answer_ids->empty()) {
        v.fail(item + "answer_ids", "Answer a short_answer question with text_answer.");
      }
      v.required(item + "text_answer", given.text_answer.has_value());
      v.max_length(item + "text_answer", given.text_answer, kMaxTextAnswer);
      response.text_answer = given.text_answer.value_or("");
    } else {
      if (given.text_answer) {
        v.fail(item + "text_answer", "Answer a choice question with answer_ids.");
      }
      v.required(item + "answer_ids", given.answer_ids.has_value());
      std::set<Id> own, seen;
      for (const Answer& a : q.answers) own.insert(a.id);
      for (Id id : given.answer_ids.value_or(std::vector<Id>{})) {
        if (!own.contains(id)) {
          v.fail(item + "answer_ids",
                 "Answer " + std::to_string(id) + " is not an answer of " + question_name + ".");
        } else if (!seen.insert(id).second) {
          v.fail(item + "answer_ids", "Answer " + std::to_string(id) + " is selected twice.");
        }
      }
      response.answer_ids = given.answer_ids.value_or(std::vector<Id>{});
    }
    out.emplace(given.question_id, std::move(response));
  }
  v.check();
  return out;
}

// Graded answers of an attempt, in question order.
std::vector<AnswerResult> answer_results(db::Connection& db, Id attempt_id) {
  std::vector<AnswerResult> out;
  for (const auto& row :
       db.query("SELECT r.question_id, r.is_correct, r.points_awarded, q.explanation FROM "
                "courses_attemptanswer r JOIN courses_question q ON q.id = r.question_id WHERE "
                "r.attempt_id = $1 ORDER BY q.position, q.id",
                attempt_id)) {
    out.push_back(
        {row.get<Id>(0), row.get<bool>(1), row.get<std::int64_t>(2), row.get<std::string>(3)});
  }
  return out;
}

AttemptResult result_of(db::Connection& db, const AssessmentAttempt& attempt,
                        const Assessment& assessment) {
  return {attempt, deadline_of(assessment, attempt), answer_results(db, attempt.id)};
}

// Moves the attempt from in_progress to graded; false when another
// transaction got there first (the status guard makes the second one wait
// for the first on PostgreSQL, then match nothing).
bool claim_and_grade(db::Connection& db, const AssessmentAttempt& graded) {
  return db.query(
               "UPDATE courses_assessmentattempt SET status = $2, submitted_at = $3, "
               "points_earned = $4, points_possible = $5, score = $6, passed = $7, "
               "updated_at = $8 WHERE id = $1 AND status = $9",
               graded.id, graded.status, graded.submitted_at, graded.points_earned,
               graded.points_possible, graded.score, graded.passed, graded.updated_at,
               AttemptStatus::in_progress)
             .affected_rows() > 0;
}

void insert_answer(db::Connection& db, const AttemptAnswer& row, const Response* response) {
  const Id id = db::insert_record(db, row);
  if (!response) return;
  for (Id answer_id : response->answer_ids) {
    db::insert_record(db, AttemptAnswerSelection{.attemptanswer_id = id, .answer_id = answer_id});
  }
}

std::string attempt_metadata(const AssessmentAttempt& attempt) {
  return "{\"assessment_id\": " + std::to_string(attempt.assessment_id) +
         ", \"attempt_id\": " + std::to_string(attempt.id) + "}";
}

}  // namespace

StartedAttempt start_attempt(db::Connection& db, const api::Actor& actor, Id assessment_id,
                             Timestamp now) {
  return db::in_transaction(db, [&](db::Connection& c) {
    const AssessmentAccess access = assessment_access(c, actor, assessment_id);
    const Assessment& assessment = access.assessment;
    if (!assessment.is_published) {
      // Its editors see it, but nobody takes a draft.
      throw NotFoundError("No published assessment " + std::to_string(assessment_id) + ".");
    }
    if (!access.enrolled()) {
      throw ForbiddenError("not_enrolled", "Enrol in the course to take this assessment.");
    }
    static const std::string previous_sql =
        "SELECT " + db::select_list<AssessmentAttempt>() +
        " FROM courses_assessmentattempt WHERE user_id = $1 AND assessment_id = $2";
    std::int64_t last_number = 0;
    const auto previous =
        db::read_records<AssessmentAttempt>(c.query(previous_sql, actor.user_id, assessment_id));
    for (const AssessmentAttempt& p : previous) {
      last_number = std::max(last_number, p.attempt_number);
      const auto deadline = deadline_of(assessment, p);
      if (p.status == AttemptStatus::in_progress && (!deadline || now <= *deadline)) {
        throw ConflictError(
            "attempt_in_progress",
            "Submit attempt " + std::to_string(p.attempt_number) + " before starting another.");
      }
    }
    if (assessment.max_attempts &&
        static_cast<std::int64_t>(previous.size()) >= *assessment.max_attempts) {
      throw ConflictError("attempt_limit_reached", "This assessment allows " +
                                                       std::to_string(*assessment.max_attempts) +
                                                       " attempts; all of them were used.");
    }
    AssessmentAttempt attempt{.user_id = actor.user_id,
                              .assessment_id = assessment_id,
                              .attempt_number = last_number + 1,
                              .started_at = now,
                              .created_at = now,
                              .updated_at = now};
    try {
      attempt.id = db::insert_record(c, attempt);
    } catch (const db::UniqueViolation&) {
      // Another start of the same student took this number first.
      throw ConflictError("attempt_in_progress", "Another attempt was started at the same time.");
    }
    record_activity(c, actor.user_id, ActivityType::start_attempt, assessment.course_id,
                    assessment.lesson_id, now, attempt_metadata(attempt));
    return StartedAttempt{attempt, deadline_of(assessment, attempt)};
  });
}

AttemptResult submit_attempt(db::Connection& db, const api::Actor& actor, Id attempt_id,
                             const std::vector<SubmittedAnswer>& answers, Timestamp now) {
  return db::in_transaction(db, [&](db::Connection& c) {
    auto attempt = db::find_record<AssessmentAttempt>(c, attempt_id);
    if (!attempt || attempt->user_id != actor.user_id) {
      throw NotFoundError(missing_attempt(attempt_id));
    }
    if (attempt->status != AttemptStatus::in_progress) {
      throw ConflictError("already_submitted", "This attempt was already submitted.");
    }
    const Assessment assessment = db::find_record<Assessment>(c, attempt->assessment_id).value();
    if (const auto deadline = deadline_of(assessment, *attempt); deadline && now > *deadline) {
      throw ValidationError("time_limit_exceeded", "The time limit of this attempt ended at " +
                                                       format_rfc3339(*deadline) + ".");
    }
    const std::vector<AuthoredQuestion> questions = questions_of(c, assessment.id);
    const std::map<Id, Response> responses = responses_of(questions, answers);

    std::vector<AttemptAnswer> rows;
    std::int64_t earned = 0, possible = 0;
    for (const AuthoredQuestion& q : questions) {
      auto response = responses.find(q.question.id);
      const bool answered = response != responses.end();
      const QuestionGrade grade =
          grade_question(q.question, q.answers,
                         answered ? std::optional<Response>(response->second) : std::nullopt);
      earned += grade.points_awarded;
      possible += q.question.points;
      rows.push_back(AttemptAnswer{.attempt_id = attempt_id,
                                   .question_id = q.question.id,
                                   .text_answer = answered ? response->second.text_answer : "",
                                   .is_correct = grade.is_correct,
                                   .points_awarded = grade.points_awarded,
                                   .created_at = now,
                                   .updated_at = now});
    }
    const AttemptScore score = score_attempt(earned, possible, assessment.passing_score);
    attempt->status = AttemptStatus::graded;
    attempt->submitted_at = now;
    attempt->points_earned = score.points_earned;
    attempt->points_possible = score.points_possible;
    attempt->score = score.score();
    attempt->passed = score.passed;
    attempt->updated_at = now;
    if (!claim_and_grade(c, *attempt)) {
      throw ConflictError("already_submitted", "This attempt was already submitted.");
    }
    for (const AttemptAnswer& row : rows) {
      auto response = responses.find(row.question_id);
      insert_answer(c, row, response == responses.end() ? nullptr : &response->second);
    }

    record_activity(c, actor.user_id, ActivityType::submit_attempt, assessment.course_id,
                    assessment.lesson_id, now, attempt_metadata(*attempt));
    notify(c, actor.user_id,
           {.notification_type = NotificationType::attempt_graded,
            .title = "Your attempt was graded",
            .message = "You scored " + format_score(score.score_hundredths) + "% on \"" +
                       assessment.title + "\" (attempt " + std::to_string(attempt->attempt_number) +
                       "): " + (score.passed ? "passed." : "not passed."),
            .link = "/attempts/" + std::to_string(attempt_id)},
           now);
    refresh_course_stats(c, assessment.course_id, now);
    refresh_user_stats(c, actor.user_id);
    return result_of(c, *attempt, assessment);
  });
}

AttemptResult get_attempt(db::Connection& db, const api::Actor& actor, Id attempt_id) {
  auto attempt = db::find_record<AssessmentAttempt>(db, attempt_id);
  if (!attempt) throw NotFoundError(missing_attempt(attempt_id));
  const Assessment assessment = db::find_record<Assessment>(db, attempt->assessment_id).value();
  if (attempt->user_id != actor.user_id) {
    auto access = find_course_access(db, assessment.course_id, &actor);
    if (!access || !access->can_edit) throw NotFoundError(missing_attempt(attempt_id));
  }
  return result_of(db, *attempt, assessment);
}

api::Page<MyAttempt> my_attempts(db::Connection& db, const api::Actor& actor,
                                 api::PageRequest page) {
  static const std::string sql =
      "SELECT " + db::select_list<AssessmentAttempt>("t") +
      ", a.course_id, a.title FROM courses_assessmentattempt t JOIN courses_assessment a ON a.id "
      "= t.assessment_id WHERE t.user_id = $1 ORDER BY t.started_at DESC, t.id DESC";
  static const std::size_t n = db::record_columns<AssessmentAttempt>().size();
  return api::query_page<MyAttempt>(
      db, page, "SELECT COUNT(*) FROM courses_assessmentattempt WHERE user_id = $1", sql,
      [](const db::Row& row) {
        return MyAttempt{db::read_record<AssessmentAttempt>(row), row.get<Id>(n),
                         row.get<std::string>(n + 1)};
      },
      actor.user_id);
}

namespace {

// The course's editors read the results of its assessments.
void require_results_reader(db::Connection& db, const api::Actor& actor, Id course_id,
                            Id assessment_id) {
  require_course_editor(db, course_id, actor);
  auto assessment = db::find_record<Assessment>(db, assessment_id);
  if (!assessment || assessment->course_id != course_id) {
    throw NotFoundError("No assessment " + std::to_string(assessment_id) + " in course " +
                        std::to_string(course_id) + ".");
  }
}

}  // namespace

api::Page<AttemptOfStudent> assessment_results(db::Connection& db, const api::Actor& actor,
                                               Id course_id, Id assessment_id,
                                               api::PageRequest page) {
  require_results_reader(db, actor, course_id, assessment_id);
  static const std::string sql =
      "SELECT " + db::select_list<AssessmentAttempt>("t") +
      ", u.id, u.username, u.display_name FROM courses_assessmentattempt t JOIN accounts_user u "
      "ON u.id = t.user_id WHERE t.assessment_id = $1 ORDER BY u.username, t.attempt_number";
  static const std::size_t n = db::record_columns<AssessmentAttempt>().size();
  return api::query_page<AttemptOfStudent>(
      db, page, "SELECT COUNT(*) FROM courses_assessmentattempt WHERE assessment_id = $1", sql,
      [](const db::Row& row) {
        return AttemptOfStudent{
            db::read_record<AssessmentAttempt>(row),
            {row.get<Id>(n), row.get<std::string>(n + 1), row.get<std::string>(n + 2)}};
      },
      assessment_id);
}

Assessment results_assessment(db::Connection& db, const api::Actor& actor, Id assessment_id) {
  auto assessment = db::find_record<Assessment>(db, assessment_id);
  if (!assessment) throw NotFoundError("No assessment " + std::to_string(assessment_id) + ".");
  require_course_editor(db, assessment->course_id, actor);
  return *assessment;
}

AssessmentOutcome assessment_outcome(db::Connection& db, const api::Actor& actor, Id course_id,
                                     Id assessment_id) {
  return db::in_transaction(db, [&](db::Connection& c) {
    require_results_reader(c, actor, course_id, assessment_id);
    AssessmentOutcome out;
    for (const auto& row : c.query("SELECT score, passed FROM courses_assessmentattempt WHERE "
                                   "assessment_id = $1 AND status = $2 ORDER BY score",
                                   assessment_id, AttemptStatus::graded)) {
      out.scores.push_back(row.get<double>(0));
      out.passed += row.get<bool>(1);
    }
    out.graded = static_cast<std::int64_t>(out.scores.size());
    // Grading writes an answer row for every question, answered or not.
    static const std::string sql =
        "SELECT q.id, q.question_text, (SELECT COUNT(*) FROM courses_attemptanswer r JOIN "
        "courses_assessmentattempt t ON t.id = r.attempt_id WHERE r.question_id = q.id AND "
        "r.is_correct AND t.status = $2) FROM courses_question q WHERE q.assessment_id = $1 "
        "ORDER BY q.position, q.id";
    for (const auto& row : c.query(sql, assessment_id, AttemptStatus::graded)) {
      out.questions.push_back({row.get<Id>(0), row.get<std::string>(1), row.get<std::int64_t>(2)});
    }
    return out;
  });
}

}  // namespace lectern::apps::courses
