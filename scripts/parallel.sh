# Sourced by scripts/test.sh: `step TITLE` and `parallel TITLE NAME CMD [NAME CMD ...]`.
# parallel runs each CMD in its own bash, prints its lines as they come prefixed with "[NAME] ",
# keeps them whole in $LOGS/NAME.log, waits for all, prints each part's result and time, prints
# the last lines of every failed part again (unmixed), and returns 1 when any part failed.

step() { echo; echo "=== $* ==="; }

parallel() {
  local title=$1; shift
  step "$title"
  local names=() pids=() t0=$SECONDS
  while [ $# -gt 0 ]; do
    local name=$1 cmd=$2; shift 2
    names+=("$name")
    # The part's own status, not the pipe's: tee and sed succeed even when the command fails.
    ( set +e; { bash -c "$cmd"; echo $? > "$LOGS/$name.status"; echo "$SECONDS" > "$LOGS/$name.end"; } 2>&1 \
        | tee "$LOGS/$name.log" | sed -u "s/^/[$name] /" ) &
    pids+=($!)
  done
  local i failed=()
  for i in "${!pids[@]}"; do wait "${pids[$i]}" || true; done
  echo
  for i in "${!names[@]}"; do
    local name=${names[$i]} status end
    status=$(cat "$LOGS/${name}.status" 2>/dev/null || echo "?")
    end=$(cat "$LOGS/${name}.end" 2>/dev/null || echo "$SECONDS")
    if [ "$status" = 0 ]; then echo "[$name] passed in $((end - t0)) s"; else echo "[$name] FAILED (exit $status) in $((end - t0)) s; whole log: $LOGS/$name.log"; failed+=("$name"); fi
  done
  for name in "${failed[@]}"; do
    echo; echo "--- last 80 lines of $name ---"; tail -n 80 "$LOGS/$name.log"
  done
  [ ${#failed[@]} -eq 0 ]
}
