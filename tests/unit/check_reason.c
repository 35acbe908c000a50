/* Unit tests for reason.c: every reason one unique, valid row. */
#include <check.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "reason.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const enum reason all[] = {
#define X(id, token, status, code) id,
#include "reason.def"
#undef X
};

START_TEST(test_table_covers_enum)
{
	ck_assert_uint_eq(N(all), (size_t)R_COUNT - 1);
}
END_TEST

START_TEST(test_row)
{
	enum reason r = all[_i];
	int status = reason_status(r);
	int code = reason_exit_code(r);

	ck_assert_int_ge(code, 1);
	ck_assert_int_le(code, 125);
	ck_assert(status == 400 || status == 403 || status == 404 ||
		  status == 500);
	ck_assert_ptr_nonnull(reason_token(r));
	ck_assert_uint_gt(strlen(reason_token(r)), 0);
	ck_assert_ptr_nonnull(reason_sentence(r));
	ck_assert_uint_gt(strlen(reason_sentence(r)), 0);
	ck_assert_str_ne(reason_phrase(status), "OK");
}
END_TEST

START_TEST(test_unique)
{
	size_t i;
	size_t j;

	for (i = 0; i < N(all); i++) {
		for (j = i + 1; j < N(all); j++) {
			ck_assert_int_ne(reason_exit_code(all[i]),
					 reason_exit_code(all[j]));
			ck_assert_str_ne(reason_token(all[i]),
					 reason_token(all[j]));
		}
	}
}
END_TEST

/* Only R_INTERNAL may carry the generic sentence. */
START_TEST(test_sentences_specific)
{
	const char *generic = reason_sentence(R_INTERNAL);
	size_t i;

	for (i = 0; i < N(all); i++) {
		if (all[i] != R_INTERNAL)
			ck_assert_str_ne(reason_sentence(all[i]), generic);
	}
}
END_TEST

static const enum reason unknown[] = {
	R_COUNT, (enum reason)-1, (enum reason)(R_COUNT + 100),
};

START_TEST(test_unknown)
{
	enum reason r = unknown[_i];

	ck_assert_str_eq(reason_token(r), "internal");
	ck_assert_int_eq(reason_status(r), 500);
	ck_assert_int_eq(reason_exit_code(r), reason_exit_code(R_INTERNAL));
	ck_assert_str_eq(reason_sentence(r), reason_sentence(R_INTERNAL));
}
END_TEST

START_TEST(test_internal_row)
{
	ck_assert_str_eq(reason_token(R_INTERNAL), "internal");
	ck_assert_int_eq(reason_status(R_INTERNAL), 500);
}
END_TEST

static const struct phrase_case {
	int status;
	const char *phrase;
} phrase_cases[] = {
	{ 200, "OK" },
	{ 400, "Bad Request" },
	{ 403, "Forbidden" },
	{ 404, "Not Found" },
	{ 500, "Internal Server Error" },
	{ 502, "Internal Server Error" },
	{ 0, "Internal Server Error" },
	{ -1, "Internal Server Error" },
};

START_TEST(test_phrase)
{
	const struct phrase_case *c = &phrase_cases[_i];

	ck_assert_str_eq(reason_phrase(c->status), c->phrase);
}
END_TEST

static Suite *reason_suite(void)
{
	Suite *s = suite_create("reason");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_table_covers_enum);
	tcase_add_loop_test(tc, test_row, 0, (int)N(all));
	tcase_add_test(tc, test_unique);
	tcase_add_test(tc, test_sentences_specific);
	tcase_add_loop_test(tc, test_unknown, 0, (int)N(unknown));
	tcase_add_test(tc, test_internal_row);
	tcase_add_loop_test(tc, test_phrase, 0, (int)N(phrase_cases));
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(reason_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
