/* test_scenario.c: scenario files from inline fixtures: nested and dotted names, @include with
 * later-overrides-earlier, the merged timeline (a bundle that includes the same history through two
 * files keeps each of its changes once), the resolved text reading back to the same scenario,
 * and every class of bad input giving file, line and key. */
#include <unistd.h>

#include "testutil.h"

static char dir[256];

static void write_file(const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

static int load_file(Scenario *sc, const char *name, Error *err)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    error_clear(err);
    int st = scenario_load_file(sc, path, err);
    if (!st)
        st = scenario_finalize(sc, err);
    return st;
}

/* Expect a load error whose formatted message contains every given fragment. */
static void expect_error_in(const char *name, const char *text, const char *file_at_fault, int line, const char *f1,
                            const char *f2)
{
    write_file(name, text);
    Scenario sc;
    Error err;
    const int st = load_file(&sc, name, &err);
    char msg[1400];
    error_format(&err, msg, sizeof msg);
    CHECK(st == CS_ERR_INPUT, "%s: expected an input error, got status %d", name, st);
    CHECK(err.line == line, "%s: expected line %d, got %d (%s)", name, line, err.line, msg);
    CHECK(strstr(err.file, file_at_fault) != NULL, "%s: message should name %s: %s", name, file_at_fault, msg);
    CHECK(!f1 || strstr(msg, f1), "%s: message lacks \"%s\": %s", name, f1, msg);
    CHECK(!f2 || strstr(msg, f2), "%s: message lacks \"%s\": %s", name, f2, msg);
    scenario_free(&sc);
}

static void expect_error(const char *name, const char *text, int line, const char *f1, const char *f2)
{
    expect_error_in(name, text, name, line, f1, f2);
}

static void test_forms_and_includes(void)
{
    write_file("common.cfg", "name = \"common\";\n"
                             "demand = { treatment = { capacity = 1.0e6; }; };\n"
                             "demand.cocaine.elasticity = -0.7;\n"
                             "history = ( { at = \"2010-01\"; set = { demand.naloxone.coverage = 0.1; }; } );\n");
    write_file("main.cfg", "# a scenario built on a shared file\n"
                           "@include \"common.cfg\"\n"
                           "name = \"main\";\n"
                           "sim = { end = \"2030-12\"; replicates = 3; };\n"
                           "demand.treatment.capacity = 2.0e6;   // overrides the included value\n"
                           "policy = ( { at = \"2026-01\"; set = { demand.treatment.capacity = 3.0e6; }; },\n"
                           "           { at = \"2010-01\"; set = { demand = { prevention = { reach = 0.5; }; }; }; } );\n");
    Scenario sc;
    Error err;
    const int st = load_file(&sc, "main.cfg", &err);
    CHECK(st == CS_OK, "main.cfg should load: %s", err.msg);
    if (st)
        return;
    CHECK(strcmp(sc.name, "main") == 0, "the top file's name wins: %s", sc.name);
    CHECK(PV(&sc.base, P_DEM_TREAT_CAPACITY) == 2.0e6, "later assignment overrides the include");
    CHECK(PD(&sc.base, P_DEM_ELASTICITY, DRUG_COCAINE) == -0.7, "dotted name at top level");
    CHECK(PV(&sc.base, P_SIM_REPLICATES) == 3, "sim block");
    CHECK(sc.n_changes == 3, "three timeline changes, got %d", sc.n_changes);
    if (sc.n_changes == 3) {
        CHECK(sc.changes[0].param == P_DEM_NALOXONE_COVERAGE && sc.changes[1].param == P_DEM_PREVENTION_REACH,
              "same date: history (included first) before policy");
        CHECK(sc.changes[2].param == P_DEM_TREAT_CAPACITY && sc.changes[2].value == 3.0e6, "sorted by date");
        CHECK(sc.changes[2].line == 6 && strstr(sc.changes[2].file, "main.cfg"), "change remembers file:line");
    }
    /* The resolved text loads back to the same parameters and timeline, bit for bit. */
    char *text = scenario_config_text(&sc);
    Scenario back;
    error_clear(&err);
    const int st2 = scenario_load_string(&back, text, "resolved", &err) || scenario_finalize(&back, &err);
    CHECK(st2 == CS_OK, "resolved text reloads: %s", err.msg);
    if (!st2) {
        CHECK(memcmp(back.base.v, sc.base.v, sizeof sc.base.v) == 0, "same parameters after the round trip");
        CHECK(back.n_changes == sc.n_changes, "same timeline length");
        for (int i = 0; i < sc.n_changes && i < back.n_changes; i++)
            CHECK(back.changes[i].tick == sc.changes[i].tick && back.changes[i].value == sc.changes[i].value &&
                      back.changes[i].param == sc.changes[i].param,
                  "timeline entry %d", i);
        scenario_free(&back);
    }
    free(text);
    /* Overrides */
    CHECK(scenario_apply_override(&sc, "demand.cocaine.elasticity=-0.25", &err) == CS_OK, "override");
    CHECK(PD(&sc.base, P_DEM_ELASTICITY, DRUG_COCAINE) == -0.25, "override value");
    CHECK(scenario_apply_override(&sc, "demand.cocaine.elastcity=-0.25", &err) == CS_ERR_INPUT &&
              strstr(err.msg, "did you mean demand.cocaine.elasticity"),
          "override typo suggestion: %s", err.msg);
    CHECK(scenario_apply_override(&sc, "sim.start=2000-13", &err) == CS_ERR_INPUT && strstr(err.msg, "bad date"), "bad date");
    scenario_free(&sc);
}

static void test_errors(void)
{
    expect_error("typo.cfg", "name = \"x\";\n\ndemand = { treatment = { capacty = 2.0e6; }; };\n", 3,
                 "demand.treatment.capacty", "did you mean demand.treatment.capacity?");
    expect_error("type.cfg", "demand.treatment.capacity = \"lots\";\n", 1, "wrong type", "persons");
    expect_error("range.cfg", "name = \"x\";\ndemand = {\n  treatment = { capacity = -5.0; };\n};\n", 3, "below the minimum 0",
                 "persons");
    expect_error("int.cfg", "sim = { replicates = 2.5; };\n", 1, "sim.replicates", "integer");
    expect_error("date.cfg", "sim = {\n  start = \"2000-13\";\n};\n", 2, "bad date", "YYYY-MM");
    expect_error("outside.cfg", "sim = { end = \"2030-12\"; };\npolicy = (\n  { at = \"2031-06\"; set = { demand.naloxone.coverage = 0.5; }; }\n);\n",
                 3, "outside the run", "2031-06");
    expect_error("setup.cfg", "policy = ( { at = \"2010-01\"; set = { sim.agent_scale = 10.0; }; } );\n", 1,
                 "set-up parameter", "sim.agent_scale");
    expect_error("syntax.cfg", "name = \"x\";\ndemand = { = 5; };\n", 2, "syntax error", NULL);
    expect_error("group.cfg", "demand.treatment = 5;\n", 1, "group of parameters", "demand.treatment.");
    expect_error("badat.cfg", "policy = ( { at = \"2010\"; set = { demand.naloxone.coverage = 0.5; }; } );\n", 1, "bad date",
                 NULL);
    /* An error inside an included file names that file and its line. */
    write_file("inc_bad.cfg", "# included\ndemand.naloxone.coverage = 1.5;\n");
    expect_error_in("inc_top.cfg", "name = \"x\";\n@include \"inc_bad.cfg\"\n", "inc_bad.cfg", 2, "demand.naloxone.coverage",
                    "above the maximum 1");
    expect_error("missing.cfg", "@include \"nope.cfg\"\n", 1, "cannot read included file", "nope.cfg");
}

/* Numbers and text that libconfig 1.5 would cut or could not read back: integers beyond 32 bits,
 * the largest seed, control characters written as escapes; the resolved text loads back bit for bit,
 * and a timeline given latest first comes out sorted, file order kept within a month. */
static void test_exact_round_trip(void)
{
    Scenario sc, back;
    Error err;
    error_clear(&err);
    const char *text = "name = \"exact\";\ndescription = \"tab\\there, bell\\x07\";\n"
                       "sim.seed = 4294967295;\ndiversification.agri_rents.pool = 5000000000;\n"
                       "policy = ( { at = \"2030-01\"; set = { demand.naloxone.coverage = 0.3; }; },\n"
                       "           { at = \"2020-01\"; set = { demand.naloxone.coverage = 0.1; }; },\n"
                       "           { at = \"2030-01\"; set = { demand.naloxone.coverage = 0.4; }; } );\n";
    int st = scenario_load_string(&sc, text, "exact.cfg", &err) || scenario_finalize(&sc, &err);
    CHECK(st == CS_OK, "exact.cfg loads: %s", err.msg);
    if (st)
        return;
    CHECK(PV(&sc.base, P_SIM_SEED) == 4294967295.0, "seed 2^32-1 read whole: %.0f", PV(&sc.base, P_SIM_SEED));
    CHECK(PV(&sc.base, P_DIV_AGRI_POOL) == 5e9, "5000000000 read whole: %.0f", PV(&sc.base, P_DIV_AGRI_POOL));
    CHECK(strcmp(sc.description, "tab\there, bell\x07") == 0, "escapes read");
    CHECK(sc.n_changes == 3 && sc.changes[0].value == 0.1 && sc.changes[1].value == 0.3 && sc.changes[2].value == 0.4,
          "timeline sorted by month, file order within a month");
    char *resolved = scenario_config_text(&sc);
    error_clear(&err);
    st = scenario_load_string(&back, resolved, "resolved", &err) || scenario_finalize(&back, &err);
    CHECK(st == CS_OK, "resolved text with a control character reloads: %s", err.msg);
    if (!st) {
        CHECK(memcmp(back.base.v, sc.base.v, sizeof sc.base.v) == 0, "same parameters after the round trip");
        CHECK(strcmp(back.description, sc.description) == 0, "same description after the round trip");
        scenario_free(&back);
    }
    free(resolved);
    scenario_free(&sc);
}

/* A bundle of two scenarios that both include the same history: each history change once (an event
 * such as leadership.force_split must happen once), each scenario's policy kept. */
static void test_bundle_history_once(void)
{
    write_file("hist.cfg", "history = ( { at = \"2004-07\"; set = { leadership.force_split = 0; }; },\n"
                           "            { at = \"2004-08\"; set = { leadership.force_split = -1; }; } );\n");
    write_file("pa.cfg", "@include \"hist.cfg\"\nname = \"a\";\n"
                         "policy = ( { at = \"2006-01\"; set = { mexico.institutions = 1.0; }; } );\n");
    write_file("pb.cfg", "@include \"hist.cfg\"\nname = \"b\";\n"
                         "policy = ( { at = \"2006-01\"; set = { mexico.economic_opportunity = 1.0; }; } );\n");
    write_file("bundle.cfg", "@include \"pa.cfg\"\n@include \"pb.cfg\"\nname = \"bundle\";\nsim = { end = \"2010-12\"; };\n");
    Scenario sc;
    Error err;
    const int st = load_file(&sc, "bundle.cfg", &err);
    CHECK(st == CS_OK, "bundle.cfg should load: %s", err.msg);
    if (st)
        return;
    int splits = 0, policies = 0;
    for (int i = 0; i < sc.n_changes; i++) {
        splits += sc.changes[i].param == P_LDR_FORCE_SPLIT;
        policies += !sc.changes[i].history;
    }
    CHECK(splits == 2 && policies == 2 && sc.n_changes == 4,
          "the history once (2 force_split changes, got %d) and both policies (got %d), 4 changes in all (got %d)", splits,
          policies, sc.n_changes);
    scenario_free(&sc);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/cartelsim_test_scenario_%d", (int)getpid());
    char cmd[300];
    snprintf(cmd, sizeof cmd, "mkdir -p %s", dir);
    if (system(cmd) != 0)
        return 1;
    test_forms_and_includes();
    test_errors();
    test_exact_round_trip();
    test_bundle_history_once();
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    return test_done("test_scenario");
}
