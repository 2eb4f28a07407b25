"""The person-matching engine: pure functions, no database.

`normalise` turns typed names into comparable tokens, `names` knows short forms (nicknames),
`keys` makes the indexed search keys stored for each person and asked for by each query, `dates`
compares dates of birth with the usual slips, and `scoring` explains and scores one candidate.
"""
