;;; test.el --- headless Emacs + eglot end-to-end test of Chancery -*- lexical-binding: t; coding: utf-8 -*-
;; The set-up snippet of docs/editors.md (chancery.el, beside this file) is loaded verbatim; we
;; open fixture drafts, connect eglot to `node dist/server.js --stdio' and check a hover and the
;; diagnostics of a misquoted title.
;; Run by scripts/e2e/run-emacs.sh:  emacs --batch -Q -l test/e2e/emacs/test.el
;; Env: CHANCERY_SERVER (dist/server.js), CHANCERY_FIXTURES (the fixture workspace).
(require 'package)
;; Debian's elpa-eglot lives here; batch Emacs does not look there by default.
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(require 'cl-lib)
(require 'subr-x)

(defconst chancery-test-dir (file-name-directory (or load-file-name buffer-file-name)))
(load (expand-file-name "chancery.el" chancery-test-dir) nil t) ; the documented set-up

(defvar chancery-test-fixtures
  (or (getenv "CHANCERY_FIXTURES") (expand-file-name "../fixtures/workspace" chancery-test-dir)))
(defvar chancery-test-timeout
  (string-to-number (or (getenv "CHANCERY_EMACS_TIMEOUT") "30")))
(defvar chancery-test-passes 0)
(defvar chancery-test-failures nil)
(defvar chancery-test-published (make-hash-table :test #'equal)
  "uri → the latest diagnostics published by the server.")

(defun chancery-test-log (fmt &rest args)
  (princ (concat "[emacs] " (apply #'format fmt args) "\n") #'external-debugging-output))

(defun chancery-test-check (ok what)
  (if ok
      (progn (cl-incf chancery-test-passes) (chancery-test-log "ok   %s" what))
    (push what chancery-test-failures)
    (chancery-test-log "FAIL %s" what))
  ok)

(defun chancery-test-wait (pred &optional seconds)
  "Poll PRED while processing process output, until it is non-nil or SECONDS pass."
  (let ((deadline (+ (float-time) (or seconds chancery-test-timeout)))
        value)
    (while (and (not (setq value (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    value))

;; Record publishDiagnostics as eglot receives them (eglot also hands them to flymake).
(advice-add 'eglot-handle-notification :before
            (lambda (_server method &rest params)
              (when (eq method 'textDocument/publishDiagnostics)
                (puthash (plist-get params :uri) (plist-get params :diagnostics)
                         chancery-test-published))))

(defun chancery-test-open (name)
  "Visit fixture NAME and connect eglot (eglot-ensure does not fire in batch mode)."
  (find-file (expand-file-name name chancery-test-fixtures))
  ;; A transient project: the fixture folder is not under version control.
  (unless (eglot-current-server)
    (let ((project-find-functions (list (lambda (dir) (cons 'transient dir)))))
      (apply #'eglot (eglot--guess-contact))))
  (chancery-test-wait (lambda () (eglot-current-server)))
  (current-buffer))

(defun chancery-test-hover-text (result)
  (let ((contents (plist-get result :contents)))
    (cond ((stringp contents) contents)
          ((plist-get contents :value))
          ((vectorp contents)
           (mapconcat (lambda (c) (if (stringp c) c (or (plist-get c :value) ""))) contents "\n"))
          (t ""))))

(defun chancery-test-main ()
  ;; 1. hover over a referenced instrument in a .communique draft
  (with-current-buffer (chancery-test-open "draft.communique")
    (chancery-test-check (eq major-mode 'communique-mode) ".communique files open in communique-mode")
    (chancery-test-check (eglot-current-server) "eglot connects to the chancery server")
    (goto-char (point-min))
    (chancery-test-check (search-forward "国际道路运输" nil t) "the fixture contains the title")
    (backward-char 2)
    (let ((text ""))
      ;; The server may still be loading its corpus: poll until the hover has content.
      (chancery-test-wait
       (lambda ()
         (let ((result (jsonrpc-request (eglot-current-server) :textDocument/hover
                                        (eglot--TextDocumentPositionParams))))
           (setq text (or (and result (chancery-test-hover-text result)) ""))
           (string-match-p "2014年9月12日" text))))
      (chancery-test-log "hover: %s" (truncate-string-to-width (replace-regexp-in-string "\n" " " text) 300))
      (chancery-test-check (string-match-p "2014年9月12日" text) "hover shows the date of adoption 2014年9月12日")
      (chancery-test-check (string-match-p "杜尚别" text) "hover shows the place of adoption 杜尚别")))

  ;; 2. diagnostics of a misquoted title in a .txt draft
  (with-current-buffer (chancery-test-open "misquoted-title.txt")
    (chancery-test-check (eglot-current-server) "eglot connects for .txt drafts")
    (let* ((uri (eglot--path-to-uri buffer-file-name))
           (open (save-excursion (goto-char (point-min)) (search-forward "《") (1- (point))))
           (close (save-excursion (goto-char (point-min)) (search-forward "》") (point)))
           (open-col (plist-get (eglot--pos-to-lsp-position open) :character))
           (close-col (plist-get (eglot--pos-to-lsp-position close) :character))
           (hit (chancery-test-wait
                 (lambda ()
                   (cl-find-if (lambda (d)
                                 (let* ((range (plist-get d :range))
                                        (s (plist-get range :start)) (e (plist-get range :end)))
                                   (and (= (plist-get s :line) 0)
                                        (>= (plist-get s :character) open-col)
                                        (<= (plist-get e :character) close-col))))
                               (gethash uri chancery-test-published))))))
      (chancery-test-check hit "a diagnostic marks the misquoted title inside 《…》")
      (when hit
        (chancery-test-log "diagnostic: %s (code %s)" (plist-get hit :message) (plist-get hit :code))
        ;; and Emacs shows it: flymake, which eglot feeds, lists it for the buffer. Interactively
        ;; flymake starts after the first command; batch mode runs no command loop, so start it.
        (chancery-test-check (bound-and-true-p flymake-mode) "eglot turns on flymake in the buffer")
        (when (bound-and-true-p flymake-mode) (flymake-start nil t))
        (let ((shown (chancery-test-wait (lambda () (flymake-diagnostics)) 10)))
          (chancery-test-check shown "flymake lists the diagnostic in the buffer")
          (when shown
            (chancery-test-log "flymake: %s" (flymake-diagnostic-text (car shown)))))
        ;; 3. its quick fix, applied by eglot, restores the canonical title
        (let* ((region (eglot--range-region (plist-get hit :range)))
               (actions (eglot-code-actions (car region) (cdr region) "quickfix"))
               (fix (or (cl-find-if (lambda (a) (and (plist-get a :isPreferred) (plist-get a :edit))) actions)
                        (cl-find-if (lambda (a) (plist-get a :edit)) actions))))
          (chancery-test-check fix "a quick fix with an edit is offered")
          (when fix
            (chancery-test-log "quick fix: %s" (plist-get fix :title))
            (eglot--apply-workspace-edit (plist-get fix :edit))
            ;; eglot sends the change from an idle timer, and batch Emacs is never idle: send it.
            (eglot--signal-textDocument/didChange)
            (chancery-test-check
             (save-excursion (goto-char (point-min))
                             (search-forward "《上合组织成员国政府间国际道路运输便利化协定》" nil t))
             "applying it restores the canonical title")
            (chancery-test-check
             (chancery-test-wait (lambda () (null (append (gethash uri chancery-test-published) nil))))
             "the diagnostic goes away after the edit")))))))

(condition-case err
    (chancery-test-main)
  (error (push (format "error: %S" err) chancery-test-failures)
         (chancery-test-log "error: %S" err)))
(ignore-errors (let ((eglot-autoreconnect nil))
                 (dolist (server (hash-table-values eglot--servers-by-project))
                   (dolist (s server) (eglot-shutdown s nil 3)))))
(chancery-test-log "%d passed, %d failed" chancery-test-passes (length chancery-test-failures))
(kill-emacs (if chancery-test-failures 1 0))
