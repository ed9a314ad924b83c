-- Chancery language server for Neovim (0.7 or later): put this in your init.lua.
-- Set CHANCERY_SERVER to the absolute path of dist/server.js, or edit the default below.
local chancery_server = vim.env.CHANCERY_SERVER or vim.fn.expand('~/chancery/dist/server.js')

vim.cmd('autocmd BufRead,BufNewFile *.communique setfiletype communique')

local chancery_client_id
vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'communique', 'text', 'markdown' },
  callback = function(args)
    local config = {
      name = 'chancery',
      cmd = { 'node', chancery_server, '--stdio' },
      root_dir = vim.fn.getcwd(),
    }
    if vim.lsp.start then -- Neovim 0.8+
      vim.lsp.start(config)
    else -- Neovim 0.7: one client, attached to every matching buffer
      chancery_client_id = chancery_client_id or vim.lsp.start_client(config)
      vim.lsp.buf_attach_client(args.buf, chancery_client_id)
    end
  end,
})
