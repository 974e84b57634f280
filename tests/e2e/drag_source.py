#!/usr/bin/python3
"""A GTK window that offers files for dragging, as a file manager would.

Usage: drag_source.py X Y FILE... ; prints "ready" once the window is mapped.
"""
import sys

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("Gdk", "3.0")
from gi.repository import Gdk, GLib, Gtk  # noqa: E402

x, y = int(sys.argv[1]), int(sys.argv[2])
uris = [GLib.filename_to_uri(path, None) for path in sys.argv[3:]]

window = Gtk.Window(title="quotemap-e2e-drag-source")
window.set_default_size(160, 100)
window.move(x, y)
button = Gtk.Button(label="drag files")
button.drag_source_set(Gdk.ModifierType.BUTTON1_MASK, [], Gdk.DragAction.COPY)
button.drag_source_add_uri_targets()
button.connect("drag-data-get", lambda _w, _ctx, data, _info, _time: data.set_uris(uris))
window.add(button)
window.connect("destroy", Gtk.main_quit)
window.show_all()


def announce():
    print("ready", flush=True)
    return False


GLib.timeout_add(400, announce)
Gtk.main()
