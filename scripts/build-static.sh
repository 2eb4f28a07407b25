#!/usr/bin/env sh
# Copies the GOV.UK Frontend, MOJ Frontend and htmx files from node_modules into var/static-build,
# rewriting the stylesheets' /assets/ paths so fonts and images are served under STATIC_URL, and
# dropping the source map comments (the maps are not copied; collectstatic's hashing would refuse them).
set -eu
out=var/static-build
rm -rf "$out"
mkdir -p "$out/assets" "$out/vendor"
govuk=node_modules/govuk-frontend/dist/govuk
moj=node_modules/@ministryofjustice/frontend/moj
cp -R "$govuk/assets/." "$out/assets/"
cp -R "$moj/assets/." "$out/assets/"
nomap='s#/\*\# sourceMappingURL=[^*]*\*/##; s#//\# sourceMappingURL=[^ ]*$##'
sed -e 's#url(/assets/#url(/static/assets/#g' -e "$nomap" "$govuk/govuk-frontend.min.css" > "$out/vendor/govuk-frontend.min.css"
sed -e 's#url(/assets/#url(/static/assets/#g' -e "$nomap" "$moj/moj-frontend.min.css" > "$out/vendor/moj-frontend.min.css"
sed -e "$nomap" "$govuk/govuk-frontend.min.js" > "$out/vendor/govuk-frontend.min.js"
if [ -f "$moj/moj-frontend.min.js" ]; then mojjs="$moj/moj-frontend.min.js"; else mojjs="$moj/all.bundle.js"; fi
sed -e "$nomap" "$mojjs" > "$out/vendor/moj-frontend.min.js"
sed -e "$nomap" node_modules/htmx.org/dist/htmx.min.js > "$out/vendor/htmx.min.js"
echo "Static front-end files built in $out"
