-- Drives the MQG4AI language server from headless Neovim's built-in LSP client (0.7+), as a
-- Vim user would configure it (docs/editors.md), and writes what it saw to $OUT as JSON.
-- Run by test/editors/neovim.test.ts: nvim --headless --clean -u NONE -c "luafile driver.lua".
local root, server, out_path = vim.env.ROOT, vim.env.SERVER, vim.env.OUT
local gate_path = root .. '/Tree/2_Lifecycle/QG_Gate_(Lifecycle).md'
local report = { steps = {} }
local published = {}

local function step(name, value)
  report.steps[#report.steps + 1] = name
  report[name] = value
end

local function run()
  local settings = { mqg4ai = { rules = { ['link.missing-anchor'] = 'warning' } } }
  local id = vim.lsp.start_client({
    name = 'mqg4ai',
    cmd = { 'node', server, '--stdio' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'root' } },
    -- Plain vim.lsp (0.7) neither offers workspace/configuration nor sends the settings by itself:
    -- they go in initializationOptions, later changes in workspace/didChangeConfiguration.
    init_options = { settings = settings },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
        published[#published + 1] = result.uri
        vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      end,
    },
  })
  vim.cmd('edit ' .. vim.fn.fnameescape(gate_path))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, id)
  local client = vim.lsp.get_client_by_id(id)
  local uri = vim.uri_from_bufnr(buf)
  local function codes()
    local list = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      list[#list + 1] = { code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code), severity = d.severity, line = d.lnum }
    end
    return list
  end
  local function has(code, severity)
    for _, d in ipairs(codes()) do
      if d.code == code and (severity == nil or d.severity == severity) then return true end
    end
    return false
  end

  -- Diagnostics on the buffer itself (published under the URI the client opened), with the
  -- pushed settings applied: the missing anchor is a warning, not an error.
  vim.wait(60000, function() return has('link.missing-file') and has('link.missing-anchor', vim.diagnostic.severity.WARN) end, 100)
  step('diagnostics', codes())
  step('published', published)

  -- Hover and definition on the first link.
  local position = { line = 2, character = 10 }
  local hover = client.request_sync('textDocument/hover', { textDocument = { uri = uri }, position = position }, 20000, buf)
  step('hover', hover and hover.result and hover.result.contents and hover.result.contents.value or vim.inspect(hover))
  local definition = client.request_sync('textDocument/definition', { textDocument = { uri = uri }, position = position }, 20000, buf)
  local location = definition and definition.result and (definition.result[1] or definition.result)
  step('definition', location and location.uri and vim.uri_to_fname(location.uri) or vim.inspect(definition))

  -- Completion: the word Neovim inserts where its omnifunc starts (the keyword before the
  -- cursor), and the item's textEdit applied as the LSP says, must give the same line.
  local line_nr = vim.api.nvim_buf_line_count(buf)
  local typed = 'See [more](../1_System/Ap'
  vim.api.nvim_buf_set_lines(buf, line_nr, line_nr, false, { typed })
  local completion = client.request_sync('textDocument/completion', { textDocument = { uri = uri }, position = { line = line_nr, character = #typed } }, 20000, buf)
  local result = completion and completion.result
  local items = vim.lsp.util.text_document_completion_list_to_complete_items(result or {}, 'Ap')
  local word
  for _, item in ipairs(items) do
    if item.abbr == 'Application.md' or item.word == 'Application.md' then word = item.word end
  end
  local start = vim.fn.match(typed, '\\k*$')
  step('completionByWord', word and (typed:sub(1, start) .. word) or vim.inspect(items))
  local edited
  for _, item in ipairs(result and (result.items or result) or {}) do
    if item.label == 'Application.md' and item.textEdit then
      vim.lsp.util.apply_text_edits({ item.textEdit }, buf, 'utf-16')
      edited = vim.api.nvim_buf_get_lines(buf, line_nr, line_nr + 1, false)[1]
    end
  end
  step('completionByTextEdit', edited or vim.inspect(result))

  -- A file created on disk: Neovim 0.7 watches no files, the server does.
  local info
  vim.wait(60000, function()
    local answer = client.request_sync('mqg4ai/serverInfo', {}, 20000, buf)
    info = answer and answer.result
    return info ~= nil and info.fileWatching == 'server'
  end, 200)
  step('fileWatching', info and info.fileWatching or 'no answer')
  local file = io.open(root .. '/Tree/2_Lifecycle/later.md', 'w')
  file:write('# Later\n')
  file:close()
  vim.wait(60000, function() return not has('link.missing-file') end, 100)
  step('afterCreate', codes())

  -- Settings pushed again (workspace/didChangeConfiguration; a pull gets the same): the anchor check is off.
  client.config.settings = { mqg4ai = { rules = { ['link.missing-anchor'] = 'off' } } }
  client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
  vim.wait(60000, function() return not has('link.missing-anchor') end, 100)
  step('afterSettings', codes())

  -- The coverage tree: Neovim sends {} params as [].
  local coverage = client.request_sync('mqg4ai/coverage', {}, 30000, buf)
  step('coverage', coverage and coverage.result and { count = #coverage.result, first = coverage.result[1] and coverage.result[1].label } or vim.inspect(coverage))

  client.stop()
end

local ok, err = pcall(run)
report.ok = ok
report.error = ok and nil or tostring(err)
local file = io.open(out_path, 'w')
file:write(vim.fn.json_encode(report))
file:close()
vim.cmd('qa!')
