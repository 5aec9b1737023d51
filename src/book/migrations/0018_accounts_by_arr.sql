-- The accounts largest ARR first, the order the Stakeholders pane lists them in: the pane
-- reads its first screen by walking this index until it has found enough accounts with
-- a coverage gap, however big the book, and the rest of the list after.
CREATE INDEX accounts_by_arr ON accounts(arr_cents DESC, id);
