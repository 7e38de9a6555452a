#!/usr/bin/env bash
# Browser tests drive Debian's chromium through Playwright; no browser is ever downloaded.
# Installs chromium and a CJK font from Debian's packages when missing and we are root.
set -euo pipefail
# grep -c reads fc-list to the end: with grep -q, fc-list could die of SIGPIPE once grep had its
# match, and pipefail would then take the fonts for missing (and run apt-get again, in both CI lanes).
if [ -x /usr/bin/chromium ] && [ "$(fc-list 2>/dev/null | grep -ci cjk)" -gt 0 ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "安装 Chromium 与中文字体（浏览器测试用）/ installing chromium and CJK fonts for browser tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
else
  echo "警告：未找到 /usr/bin/chromium，浏览器测试将被跳过（CI 中会失败）/ chromium missing: browser tests will skip" >&2
fi
