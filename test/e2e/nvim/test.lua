-- Headless Neovim end-to-end test: the set-up snippet of docs/editors.md (chancery.lua, beside
-- this file) starts `node dist/server.js --stdio`; we open fixture drafts and check a hover and
-- the diagnostics of a misquoted title through Neovim's own LSP client.
-- Run by scripts/e2e/run-nvim.sh:  nvim --headless -u NONE -c 'luafile test/e2e/nvim/test.lua'
-- Env: CHANCERY_SERVER (dist/server.js), CHANCERY_FIXTURES (the fixture workspace).
local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
local fixtures = vim.env.CHANCERY_FIXTURES or (here .. '/../fixtures/workspace')
local TIMEOUT = tonumber(vim.env.CHANCERY_NVIM_TIMEOUT or '') or 30000

local failures, passes = {}, 0
local function log(msg)
  io.stderr:write('[nvim] ' .. msg .. '\n')
end
local function check(cond, what)
  if cond then
    passes = passes + 1
    log('ok   ' .. what)
  else
    table.insert(failures, what)
    log('FAIL ' .. what)
  end
  return cond
end

-- Record every publishDiagnostics (uri → latest list), keeping Neovim's own handler.
local published = {}
local default_handler = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  if result and result.uri then
    published[result.uri] = result.diagnostics
  end
  return default_handler(err, result, ctx, config)
end

vim.cmd('filetype on')
dofile(here .. '/chancery.lua') -- the documented set-up, verbatim

local function open(name)
  vim.cmd('edit ' .. vim.fn.fnameescape(fixtures .. '/' .. name))
  return vim.api.nvim_get_current_buf()
end

local function chancery_client(buf)
  for _, c in pairs(vim.lsp.buf_get_clients(buf)) do
    if c.name == 'chancery' then
      return c
    end
  end
end

-- UTF-16 position of the first occurrence of `needle` in the buffer (plus `extra` characters).
local function position_of(buf, needle, extra)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local byte = line:find(needle, 1, true)
    if byte then
      local _, utf16 = vim.str_utfindex(line, byte - 1)
      return { line = i - 1, character = utf16 + (extra or 0) }
    end
  end
end

local function hover_text(result)
  local c = result and result.contents
  if type(c) == 'string' then
    return c
  elseif type(c) == 'table' and c.value then
    return c.value
  elseif type(c) == 'table' then
    local parts = {}
    for _, p in ipairs(c) do
      table.insert(parts, type(p) == 'string' and p or p.value or '')
    end
    return table.concat(parts, '\n')
  end
  return ''
end

local function main()
  -- 1. hover over a referenced instrument in a .communique draft
  local draft = open('draft.communique')
  check(vim.bo[draft].filetype == 'communique', '.communique files get the communique filetype')
  -- (a client is listed for the buffer once it has initialized)
  check(vim.wait(TIMEOUT, function()
    local c = chancery_client(draft)
    return c ~= nil and c.initialized == true
  end, 50), 'the chancery client starts and initializes for the draft')
  local client = chancery_client(draft)
  if not client then
    return
  end
  local pos = position_of(draft, '国际道路运输', 2)
  check(pos ~= nil, 'the fixture contains the title')
  local text = ''
  -- The server may still be loading its corpus: poll until the hover has content.
  vim.wait(TIMEOUT, function()
    local res = vim.lsp.buf_request_sync(draft, 'textDocument/hover', {
      textDocument = { uri = vim.uri_from_bufnr(draft) },
      position = pos,
    }, 5000)
    for _, r in pairs(res or {}) do
      if r.result then
        text = hover_text(r.result)
      end
    end
    return text:find('2014年9月12日', 1, true) ~= nil
  end, 100)
  log('hover: ' .. text:gsub('\n', ' '):sub(1, 300))
  check(text:find('2014年9月12日', 1, true) ~= nil, 'hover shows the date of adoption 2014年9月12日')
  check(text:find('杜尚别', 1, true) ~= nil, 'hover shows the place of adoption 杜尚别')

  -- 2. diagnostics of a misquoted title in a .txt draft
  local bad = open('misquoted-title.txt')
  local uri = vim.uri_from_bufnr(bad)
  check(vim.wait(TIMEOUT, function()
    return chancery_client(bad) ~= nil
  end, 50), 'the same client attaches to .txt drafts')
  local title = position_of(bad, '《', 0)
  local title_end = position_of(bad, '》', 0)
  local hit
  vim.wait(TIMEOUT, function()
    for _, d in ipairs(published[uri] or {}) do
      if d.range.start.line == title.line and d.range.start.character >= title.character
        and d.range['end'].character <= title_end.character + 1 then
        hit = d
        return true
      end
    end
    return false
  end, 50)
  check(hit ~= nil, 'a diagnostic marks the misquoted title inside 《…》')
  if hit then
    log('diagnostic: ' .. vim.inspect(hit.message) .. ' code=' .. tostring(hit.code))
    -- and Neovim itself shows it (vim.diagnostic)
    local shown = vim.diagnostic.get(bad)
    check(#shown > 0, 'vim.diagnostic.get() lists it for the buffer')

    -- 3. its quick fix, applied by Neovim, restores the canonical title
    local res = vim.lsp.buf_request_sync(bad, 'textDocument/codeAction', {
      textDocument = { uri = uri },
      range = hit.range,
      context = { diagnostics = { hit }, only = { 'quickfix' } },
    }, 5000)
    local fix
    for _, r in pairs(res or {}) do
      for _, action in ipairs(r.result or {}) do
        if action.edit and (fix == nil or action.isPreferred) then
          fix = action
        end
      end
    end
    check(fix ~= nil, 'a quick fix with an edit is offered')
    if fix then
      log('quick fix: ' .. fix.title)
      vim.lsp.util.apply_workspace_edit(fix.edit, 'utf-16')
      local line = vim.api.nvim_buf_get_lines(bad, 0, 1, false)[1]
      check(line:find('《上合组织成员国政府间国际道路运输便利化协定》', 1, true) ~= nil,
        'applying it restores the canonical title')
      check(vim.wait(TIMEOUT, function()
        return #(published[uri] or {}) == 0
      end, 50), 'the diagnostic goes away after the edit')
    end
  end
end

local ok, err = pcall(main)
if not ok then
  table.insert(failures, 'error: ' .. tostring(err))
  log('error: ' .. tostring(err))
end
for _, c in pairs(vim.lsp.get_active_clients()) do
  c.stop()
end
log(string.format('%d passed, %d failed', passes, #failures))
if #failures > 0 then
  vim.cmd('cquit 1')
else
  vim.cmd('qall!')
end
