-- Render quote citations with pandoc's citeproc, all in one run of `pandoc lua`.
--
-- stdin: JSON {marker: string, chunk: number, jobs: [job]}, each job
--          {items: [CSL-JSON item], cites: [{id, prefix}], csl: path,
--           format: "plain" | "html" | "commonmark"},
--        where items[i] is the item cites[i] cites (one item per cite).
-- stdout: JSON [[{id, citation, reference}]]: per job, one entry per cite, in order, each part
--         written in the job's format (escaped by pandoc's writer for that format).
--
-- Every cite has its own item, so no citation is a "subsequent" one and each renders in full.
-- Cites are processed in chunks: pandoc's memory use, and with it the time its garbage
-- collector takes, grows faster than linearly with the size of one document.

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

local function render(cites, items, csl, format)
  -- Items are turned into pandoc values per chunk: every pandoc value held by Lua is a root
  -- that each of pandoc's garbage collections scans, so holding all of them costs time
  -- proportional to records x collections.
  local refs = pandoc.read(pandoc.json.encode(items), 'csljson').meta.references
  local blocks = {}
  for _, c in ipairs(cites) do
    local citation = pandoc.Citation(c.id, 'NormalCitation')
    if c.prefix and c.prefix ~= '' then
      citation.prefix = pandoc.Inlines(c.prefix)
    end
    blocks[#blocks + 1] = pandoc.Div({pandoc.Para{pandoc.Cite({}, {citation})}})
  end
  blocks[#blocks + 1] = pandoc.Div({}, {id = 'refs'})
  local meta = pandoc.Meta{references = refs, csl = csl, ['link-citations'] = false}
  local out = pandoc.utils.citeproc(pandoc.Pandoc(blocks, meta))

  -- Read out.blocks once: each access converts the whole list from pandoc's side.
  local rendered = out.blocks
  local entries = {}
  for _, block in ipairs(rendered) do
    if block.t == 'Div' and block.identifier == 'refs' then
      for _, entry in ipairs(block.content) do
        entries[entry.identifier:gsub('^ref%-', '')] = entry.content
      end
    end
  end
  -- All parts go through the writer in one call, separated by a paragraph holding the
  -- caller's random marker; a writer call per part costs more than the rendering itself.
  local parts = {}
  local separator = pandoc.Plain{pandoc.Str(marker)}
  for i, c in ipairs(cites) do
    local para = rendered[i].content[1]
    local cite = para and para.content[1]
    -- In a note style the Cite holds a single Note: the note's text is the citation.
    local inner = cite and cite.t == 'Cite' and cite.content[1]
    local citation = (inner and inner.t == 'Note') and inner.content or rendered[i].content
    for _, part in ipairs{citation, entries[c.id] or {}} do
      for _, b in ipairs(part) do parts[#parts + 1] = b end
      parts[#parts + 1] = separator
    end
  end
  local text = pandoc.write(pandoc.Pandoc(parts):walk(unwrap), format, options)
  local pieces = {}
  for piece in text:gmatch('(.-)' .. marker) do
    pieces[#pieces + 1] = piece:gsub('^%s+', ''):gsub('%s+$', '')
  end
  return pieces
end

local chunk = input.chunk or 200
local answers = pandoc.List{}
for j, job in ipairs(input.jobs) do
  local results = {}
  for start = 1, #job.cites, chunk do
    local stop = math.min(start + chunk - 1, #job.cites)
    local cites = {table.unpack(job.cites, start, stop)}
    local pieces = render(cites, {table.unpack(job.items, start, stop)}, job.csl, job.format)
    for i, c in ipairs(cites) do
      results[#results + 1] = {id = c.id, citation = pieces[2 * i - 1] or '',
                               reference = pieces[2 * i] or ''}
    end
  end
  -- an empty Lua table would be encoded as an object, not an array
  answers[j] = #results > 0 and results or pandoc.List{}
end
io.write(pandoc.json.encode(answers))
