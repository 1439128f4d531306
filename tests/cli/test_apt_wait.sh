#!/usr/bin/env bash
# .ci/apt-wait (used by make deps/test-deps and .ci/run): waits with a message while the package
# manager's lock is held, then runs; gives up after the limit; other failures pass straight through.
# A stand-in apt-get on PATH plays the other installation (the real one is never called).
source "$(dirname "$0")/lib.sh" "$@"
cd "$WORK"
mkdir bin
cat > bin/apt-get <<'SH'
#!/usr/bin/env bash
# Fails with apt's lock message while lock_held_for counts down, then succeeds (or fails otherwise).
n=$(cat lock_held_for)
if [ "$n" -gt 0 ]; then echo $((n - 1)) > lock_held_for
  echo "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 4242 (apt-get)" >&2; exit 100; fi
[ -e other_error ] && { echo "E: Unable to locate package nosuch" >&2; exit 100; }
echo "apt-get $*"
SH
chmod +x bin/apt-get
export PATH="$WORK/bin:$PATH" CARTELSIM_APT_POLL=0.1
echo 3 > lock_held_for
"$SRC/.ci/apt-wait" update -q > out.txt 2> err.txt; rc=$?
[ $rc -eq 0 ] && grep -q "waiting for the package manager's lock" err.txt && grep -q "apt-get -o DPkg::Lock::Timeout=600 update -q" out.txt \
  || fail "lock held 3 times: status $rc, $(cat err.txt out.txt)"
[ "$(grep -c "waiting for" err.txt)" -eq 1 ] || fail "the waiting message should be said once"
pass "waits while the lock is held, then runs"
echo 1000 > lock_held_for
CARTELSIM_APT_WAIT=2 "$SRC/.ci/apt-wait" update > out.txt 2> err.txt; rc=$?
[ $rc -eq 100 ] && grep -q "still held after 2 s" err.txt || fail "limit: status $rc $(cat err.txt)"
pass "gives up after the limit"
echo 0 > lock_held_for && touch other_error
"$SRC/.ci/apt-wait" install nosuch > out.txt 2> err.txt; rc=$?
[ $rc -eq 100 ] && ! grep -q "waiting" err.txt || fail "other error: status $rc $(cat err.txt)"
pass "another failure fails at once"
finish
