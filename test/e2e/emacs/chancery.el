;;; chancery.el --- Chancery language server for Emacs 28+ with eglot -*- lexical-binding: t -*-
;; Put this in your init file. Set CHANCERY_SERVER to the absolute path of dist/server.js,
;; or edit the default below.
(require 'eglot)

(defvar chancery-server-js
  (or (getenv "CHANCERY_SERVER") (expand-file-name "~/chancery/dist/server.js"))
  "Absolute path of Chancery's dist/server.js.")

(define-derived-mode communique-mode text-mode "Communiqué"
  "Major mode for diplomatic drafts (.communique).")
(add-to-list 'auto-mode-alist '("\\.communique\\'" . communique-mode))

(add-to-list 'eglot-server-programs
             `((communique-mode text-mode markdown-mode)
               . ("node" ,chancery-server-js "--stdio")))

(add-hook 'communique-mode-hook #'eglot-ensure)
;; Also for plain-text and Markdown drafts:
;; (add-hook 'text-mode-hook #'eglot-ensure)
;; (add-hook 'markdown-mode-hook #'eglot-ensure)
