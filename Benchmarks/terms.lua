-- terms.lua: the corpus load plus `params.calls` counts of abstract terms (the report's own call);
-- the benchmark subtracts the load and divides by the calls, so that one call's time stands out
-- of the load's noise. With params.measure set, it prints the abstract bytes instead (the
-- denominator of the rate).
if params.measure then
  local bytes = 0
  for doc in corpus:documents() do bytes = bytes + #(doc.abstract or "") end
  print(bytes)
else
  for _ = 1, tonumber(params.calls or 1) do
    corpus:terms{field = "abstract", top = 100, stopwords = "en"}
  end
end
