#!/usr/bin/env bash
# `pnpm browsers`: the browser tests drive Debian's Chromium. Install it (and a CJK font, so screenshots show
# Chinese) when missing and we may; otherwise say what to run. A fresh CI machine runs this as root.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "安装 Chromium（浏览器测试需要）…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium fonts-wqy-zenhei >/dev/null
  exit 0
fi
echo "找不到 Chromium（$CHROMIUM）：请以 root 运行 apt-get install chromium，或设置 CHROMIUM_PATH" >&2
exit 1
