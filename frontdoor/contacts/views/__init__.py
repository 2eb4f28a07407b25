"""The contact pages, by meaning: `lists` (my contacts, drafts, the team's, a contact), `flow` (starting a call,
its question steps and check your answers), `people` (people on the call), `actions` (the action plan);
what they share is in `common`."""
