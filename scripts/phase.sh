# Sourced by setup.sh and test.sh: `phase NAME COMMAND...` prints one line
# when a step starts and its time when it ends, so a long run is never
# silent for minutes and the slow steps are plain to see.
phase() {
  local name=$1 start=$SECONDS
  shift
  echo "==> $name"
  "$@"
  echo "    $name: $((SECONDS - start)) s"
}
