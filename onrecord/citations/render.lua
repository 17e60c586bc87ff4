-- Render quote citations with pandoc's citeproc, all in one run of `pandoc lua`.
--
-- stdin: JSON {items: [CSL-JSON item], cites: [{id, prefix}], csl: path, marker: string,
--              format: "plain" | "html" | "commonmark"}
-- stdout: JSON [{id, citation, reference}], one per cite, in order, each part written in
--         `format` (escaped by pandoc's writer for that format).
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

-- All parts go through the writer in one call, separated by a paragraph holding the caller's
-- random marker; a writer call per part costs more than the rendering itself.
local marker = input.marker
local parts = {}
local cites = {}
for _, c in ipairs(input.cites) do cites['c-' .. c.id] = c end
for _, div in ipairs(out.blocks) do
  local c = div.t == 'Div' and cites[div.identifier]
  if c then
    local note = nil
    div:walk{Note = function(n) note = n.content end}
    for _, blocks_ in ipairs{note or div.content, references[c.id] or {}} do
      parts[#parts + 1] = pandoc.Div(pandoc.Blocks(blocks_):walk(unwrap))
      parts[#parts + 1] = pandoc.Plain{pandoc.Str(marker)}
    end
  end
end
local options = pandoc.WriterOptions{wrap_text = 'wrap-none'}
local text = pandoc.write(pandoc.Pandoc(parts):walk{Div = function(d) return d.content end},
                          input.format, options)

local results, pieces = {}, {}
for piece in (text .. '\n'):gmatch('(.-)' .. marker .. '%s*') do
  pieces[#pieces + 1] = piece:gsub('^%s+', ''):gsub('%s+$', '')
end
for i, c in ipairs(input.cites) do
  results[i] = {id = c.id, citation = pieces[2 * i - 1] or '', reference = pieces[2 * i] or ''}
end
io.write(pandoc.json.encode(results))
