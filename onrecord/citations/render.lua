-- Render quote citations with pandoc's citeproc, all in one run of `pandoc lua`.
--
-- stdin: JSON {items: [CSL-JSON item], cites: [{id, prefix, quote, speaker}], csl: path,
--              format: "plain" | "html" | "commonmark"}
-- stdout: JSON [{id, quote, speaker, citation, reference}], one per cite, in order, each part
--         written in `format` (escaped by pandoc's writer for that format).
--
-- Every cite has its own item, so no citation is a "subsequent" one and each renders in full.

local input = pandoc.json.decode(io.read('a'), false)
local meta = pandoc.read(pandoc.json.encode(input.items), 'csljson').meta
meta.csl = input.csl
meta['link-citations'] = false

local blocks = {}
for _, c in ipairs(input.cites) do
  local citation = pandoc.Citation(c.id, 'NormalCitation')
  if c.prefix and c.prefix ~= '' then
    citation.prefix = pandoc.Inlines(c.prefix)
  end
  blocks[#blocks + 1] = pandoc.Div({pandoc.Para{pandoc.Cite({}, {citation})}}, {id = 'c-' .. c.id})
end
blocks[#blocks + 1] = pandoc.Div({}, {id = 'refs'})

local out = pandoc.utils.citeproc(pandoc.Pandoc(blocks, meta))

local references = {}
out:walk{Div = function(div)
  if div.classes:includes('csl-entry') then
    references[div.identifier:gsub('^ref%-', '')] = div.content
  end
end}

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

local options = pandoc.WriterOptions{wrap_text = 'wrap-none'}
local function write(blocks_)
  local text = pandoc.write(pandoc.Pandoc(blocks_), input.format, options)
  return (text:gsub('%s+$', ''))
end

local function plain(text)
  if not text or text == '' then return '' end
  return write({pandoc.Plain(pandoc.Inlines(text))})
end

local function quotation(c)
  if not c.quote or c.quote == '' then return '' end
  local inlines = pandoc.Inlines(c.quote)
  if c.direct then
    inlines = {pandoc.Quoted('DoubleQuote', inlines)}
  end
  return write({pandoc.Plain(inlines)})
end

local cites = {}
for _, c in ipairs(input.cites) do cites['c-' .. c.id] = c end

local results = {}
for _, div in ipairs(out.blocks) do
  local c = div.t == 'Div' and cites[div.identifier]
  if c then
    local note = nil
    div:walk{Note = function(n) note = n.content end}
    local citation = pandoc.Blocks(note or div.content):walk(unwrap)
    local reference = pandoc.Blocks(references[c.id] or {}):walk(unwrap)
    results[#results + 1] = {
      id = c.id,
      quote = quotation(c),
      speaker = plain(c.speaker),
      citation = write(citation),
      reference = write(reference),
    }
  end
end
io.write(pandoc.json.encode(results))
