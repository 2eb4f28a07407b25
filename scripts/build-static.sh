#!/usr/bin/env sh
# Copies the GOV.UK Frontend, MOJ Frontend and htmx files from node_modules into var/static-build,
# rewriting the stylesheets' /assets/ paths so fonts and images are served under STATIC_URL.
set -eu
out=var/static-build
rm -rf "$out"
mkdir -p "$out/assets" "$out/vendor"
govuk=node_modules/govuk-frontend/dist/govuk
moj=node_modules/@ministryofjustice/frontend/moj
cp -R "$govuk/assets/." "$out/assets/"
cp -R "$moj/assets/." "$out/assets/"
sed 's#url(/assets/#url(/static/assets/#g' "$govuk/govuk-frontend.min.css" > "$out/vendor/govuk-frontend.min.css"
sed 's#url(/assets/#url(/static/assets/#g' "$moj/moj-frontend.min.css" > "$out/vendor/moj-frontend.min.css"
cp "$govuk/govuk-frontend.min.js" "$out/vendor/govuk-frontend.min.js"
cp "$moj/moj-frontend.min.js" "$out/vendor/moj-frontend.min.js" 2>/dev/null || cp "$moj/all.bundle.js" "$out/vendor/moj-frontend.min.js"
cp node_modules/htmx.org/dist/htmx.min.js "$out/vendor/htmx.min.js"
echo "Static front-end files built in $out"
