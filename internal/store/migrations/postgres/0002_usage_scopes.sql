-- Budgets of teams and model globs start, after a restart, from what
-- the ledger says each spent in the period (TeamSpentSince and
-- SpentByModelSince): one index by team, one by time that covers the
-- model, so that neither sum reads the table.

CREATE INDEX usage_team_time ON usage (team, time) INCLUDE (cost_usd);
CREATE INDEX usage_time_model ON usage (time) INCLUDE (model, cost_usd);
