#!/usr/bin/env bash
# A real single-node Slurm cluster on this machine, for the tests and CI (needs root and Debian's
# munge, slurmctld, slurmd and slurm-client).
#
#   tools/slurm_cluster.sh start DIR   # prints the SLURM_CONF to use (empty: the system's own)
#   tools/slurm_cluster.sh stop DIR    # stops only what `start DIR` started
#
# When a cluster already answers (sinfo with $SLURM_CONF or the system's configuration), start
# uses it and starts nothing. Otherwise it writes DIR/slurm.conf (this host as controller and only
# node, CPUs = nproc, 1000 MB, proctrack/linuxproc, task/none, select/cons_tres), creates the
# munge key if missing, starts munged (unless one runs), slurmctld and slurmd with their state,
# spool, logs and pid files under DIR, and waits until the node is idle. What it started is
# listed in DIR/started, which stop reads.
set -euo pipefail

cmd=${1:-}
dir=${2:-}
if [ -z "$cmd" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

_wait_gone() { # pid: up to 10 s
  for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
}

if [ "$cmd" = stop ]; then
  [ -f "$dir/started" ] || exit 0
  # the daemons in the reverse order of their start
  tac "$dir/started" | while read -r name pidfile; do
    pid=$(cat "$pidfile" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      _wait_gone "$pid"
      echo "stopped $name ($pid)" >&2
    fi
  done
  rm -f "$dir/started"
  exit 0
fi
[ "$cmd" = start ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

if timeout 5 sinfo -h >/dev/null 2>&1; then
  echo "a Slurm cluster already answers; using it" >&2
  echo "${SLURM_CONF:-}"
  exit 0
fi
for bin in munged slurmctld slurmd sinfo sbatch; do
  command -v "$bin" >/dev/null || [ -x "/usr/sbin/$bin" ] || {
    echo "$bin is missing: apt-get install -y munge slurmctld slurmd slurm-client" >&2
    exit 1
  }
done
if (echo >/dev/tcp/127.0.0.1/6817) 2>/dev/null; then
  echo "something listens on port 6817 (a slurmctld of another configuration?) but sinfo does" \
    "not answer: set SLURM_CONF to that cluster's slurm.conf, or stop it" >&2
  exit 1
fi
if [ "$(id -u)" != 0 ]; then
  echo "starting Slurm daemons needs root" >&2
  exit 1
fi
: >"$dir/started"
host=$(hostname -s)

# munge: the key, then the daemon (as the munge user, on the default socket)
if [ ! -s /etc/munge/munge.key ]; then
  mkdir -p /etc/munge
  /usr/sbin/mungekey --create --keyfile=/etc/munge/munge.key >/dev/null 2>&1 ||
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none
  chown munge:munge /etc/munge/munge.key 2>/dev/null || true
  chmod 400 /etc/munge/munge.key
fi
if ! munge -n >/dev/null 2>&1; then
  mkdir -p /run/munge /var/log/munge /var/lib/munge
  chown munge:munge /run/munge /var/log/munge /var/lib/munge /etc/munge 2>/dev/null || true
  runuser -u munge -- /usr/sbin/munged
  for _ in $(seq 50); do munge -n >/dev/null 2>&1 && break; sleep 0.1; done
  munge -n >/dev/null || { echo "munged did not start" >&2; exit 1; }
  echo "munged /run/munge/munged.pid" >>"$dir/started"
fi

mkdir -p "$dir/state" "$dir/spool"
cat >"$dir/slurm.conf" <<EOF
ClusterName=serlab
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerParameters=sched_interval=2,bf_interval=1
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
ReturnToService=2
MpiDefault=none
MaxArraySize=10001
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=1000 State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$dir/slurm.conf"
/usr/sbin/slurmctld -i
echo "slurmctld $dir/slurmctld.pid" >>"$dir/started"
/usr/sbin/slurmd
echo "slurmd $dir/slurmd.pid" >>"$dir/started"
for _ in $(seq 300); do
  state=$(sinfo -h -n "$host" -o %T 2>/dev/null || true)
  [ "$state" = idle ] && break
  sleep 0.1
done
for daemon in slurmctld slurmd; do
  kill -0 "$(cat "$dir/$daemon.pid" 2>/dev/null || echo none)" 2>/dev/null || state="$daemon not running"
done
if [ "$state" != idle ]; then
  echo "the node did not become idle (state: ${state:-none}); logs in $dir" >&2
  "$0" stop "$dir"
  exit 1
fi
echo "$SLURM_CONF"
