#!/bin/sh
# deps.sh - make sure the Debian packages the build, run and tests need
# are installed.  As root it installs what is missing (apt-get update,
# then apt-get install -y); otherwise it prints the exact command to run
# and fails.  `make run` and `make test` call it first.  util-linux
# brings mkswap, which makes the swap disks (tests/qemu.py); it lives in
# /sbin, which may be off PATH, so that is checked as well.
PACKAGES="gcc make binutils gcc-multilib qemu-system-x86 grub-pc-bin grub-common xorriso mtools libcmocka-dev cpio gdb python3 util-linux"

has_mkswap() {
    command -v mkswap >/dev/null 2>&1 || [ -x /sbin/mkswap ] || [ -x /usr/sbin/mkswap ]
}

missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
has_mkswap || case "$missing" in *util-linux*) ;; *) missing="$missing util-linux" ;; esac
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
    echo "deps: installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq $missing >/dev/null || {
        echo "deps: apt-get install failed" >&2
        exit 1
    }
    has_mkswap || {
        echo "deps: util-linux is installed but there is no mkswap in PATH, /sbin or /usr/sbin" >&2
        exit 1
    }
else
    echo "deps: missing Debian packages:$missing" >&2
    echo "deps: run: sudo apt-get update && sudo apt-get install -y$missing" >&2
    exit 1
fi
