-- Render quote citations with pandoc's citeproc, all in one run of `pandoc lua`.
--
-- stdin: JSON {marker: string, chunk: number, jobs: [job]}, each job
--          {items: [CSL-JSON item], cites: [{id, prefix}], csl: path,
--           format: "plain" | "html" | "commonmark"},
--        where each cite names the item (by id) it cites; several cites may share an item.
-- stdout: JSON [[{id, citation, reference, rank}]]: per job, one entry per cite, in order, each
--         part written in the job's format (escaped by pandoc's writer for that format); rank
--         is the entry's place in the style's sorted bibliography (0 when it has none).
--
-- A job's cites are one document with one citeproc call, so citation numbers and
-- disambiguation ("2019a") are those of the whole export. The writer then runs over chunks of
-- cites: one writer call per part costs more than the rendering, one call for everything holds
-- the whole output twice.

local input = pandoc.json.decode(io.read('a'), false)
local marker = input.marker
local options = pandoc.WriterOptions{wrap_text = 'wrap-none'}

-- Unwrap what only citeproc needs: the Cite element (its data-cites would name an internal
-- id) and attribute-less Spans, which the HTML writer would print as bare <span>s.
local unwrap = {
  Cite = function(cite) return cite.content end,
  Span = function(span)
    if span.identifier == '' and #span.classes == 0 and #span.attributes == 0 then
      return span.content
    end
  end,
  Para = function(p) return pandoc.Plain(p.content) end,
}

local function cite_block(c)
  local citation = pandoc.Citation(c.id, 'NormalCitation')
  if c.prefix and c.prefix ~= '' then
    citation.prefix = pandoc.Inlines(c.prefix)
  end
  return pandoc.Div({pandoc.Para{pandoc.Cite({}, {citation})}})
end

-- Write the citation and entry of cites[first..last] in one writer call; returns the pieces.
local function write_parts(cites, first, last, rendered, entries, format)
  local parts = {}
  local separator = pandoc.Plain{pandoc.Str(marker)}
  for i = first, last do
    local para = rendered[i].content[1]
    local cite = para and para.content[1]
    -- In a note style the Cite holds a single Note: the note's text is the citation.
    local inner = cite and cite.t == 'Cite' and cite.content[1]
    local citation = (inner and inner.t == 'Note') and inner.content or rendered[i].content
    for _, part in ipairs{citation, entries[cites[i].id] or {}} do
      for _, b in ipairs(part) do parts[#parts + 1] = b end
      parts[#parts + 1] = separator
    end
  end
  local doc = pandoc.Pandoc(parts)
  -- The plain writer prints a Cite's and a Span's text alone and ends a Para as a Plain, so
  -- the walk (a quarter of a plain export's time, every element marshalled to Lua and back)
  -- only changes HTML and CommonMark.
  if format ~= 'plain' then doc = doc:walk(unwrap) end
  local text = pandoc.write(doc, format, options)
  local pieces = {}
  for piece in text:gmatch('(.-)' .. marker) do
    pieces[#pieces + 1] = piece:gsub('^%s+', ''):gsub('%s+$', '')
  end
  return pieces
end

local function render(job, chunk)
  local refs = pandoc.read(pandoc.json.encode(job.items), 'csljson').meta.references
  local blocks = {}
  for i, c in ipairs(job.cites) do blocks[i] = cite_block(c) end
  blocks[#blocks + 1] = pandoc.Div({}, {id = 'refs'})
  local meta = pandoc.Meta{references = refs, csl = job.csl, ['link-citations'] = false}
  -- Read out.blocks once: each access converts the whole list from pandoc's side.
  local rendered = pandoc.utils.citeproc(pandoc.Pandoc(blocks, meta)).blocks
  blocks, refs, meta = nil, nil, nil
  local entries, ranks = {}, {}
  for _, block in ipairs(rendered) do
    if block.t == 'Div' and block.identifier == 'refs' then
      for rank, entry in ipairs(block.content) do
        local id = entry.identifier:gsub('^ref%-', '')
        entries[id], ranks[id] = entry.content, rank
      end
    end
  end
  local results = {}
  for first = 1, #job.cites, chunk do
    local last = math.min(first + chunk - 1, #job.cites)
    local pieces = write_parts(job.cites, first, last, rendered, entries, job.format)
    for i = first, last do
      local k = i - first + 1
      results[i] = {id = job.cites[i].id, citation = pieces[2 * k - 1] or '',
                    reference = pieces[2 * k] or '', rank = ranks[job.cites[i].id] or 0}
    end
  end
  return results
end

local chunk = input.chunk or 500
local answers = pandoc.List{}
for j, job in ipairs(input.jobs) do
  local results = #job.cites > 0 and render(job, chunk) or {}
  -- an empty Lua table would be encoded as an object, not an array
  answers[j] = #results > 0 and results or pandoc.List{}
end
io.write(pandoc.json.encode(answers))
