// Start GOV.UK Frontend's components (a module script: it runs after the page is parsed).
import { initAll } from "../vendor/govuk-frontend.min.js";

initAll();
