"""The map remembers the user's view (centre, zoom) across re-mounts within one page session.

streamlit-folium re-mounts the map when its script changes (turning "Visible map area only" on
asks the component for bounds, which it reads only when it mounts). Without memory the new map
opens at the opening view, throwing away where the user was. `ViewMemory` stores the view in the
browser tab's sessionStorage under a key made for the Streamlit session (`token`), on every move,
and a re-mounted map with the same token starts from it. A new session (a reload, a shared link)
gets a new token, so it opens where its link says. Degrees and Web-Mercator zoom levels.
"""

from __future__ import annotations

import secrets

from branca.element import MacroElement
from folium.template import Template


def new_token() -> str:
    """A random key for one page session."""
    return secrets.token_hex(8)


class ViewMemory(MacroElement):
    """Add to the base folium.Map (before st_folium renders it)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function(){
          var map = {{ this._parent.get_name() }}, key = 'crisismap-view-' + {{ this.token|tojson }};
          try {
            var v = JSON.parse(window.sessionStorage.getItem(key) || 'null');
            if (v && isFinite(v[0]) && isFinite(v[1]) && isFinite(v[2])) map.setView([v[0], v[1]], v[2], {animate: false});
          } catch (e) {}
          map.on('moveend', function () {
            var c = map.getCenter();
            try { window.sessionStorage.setItem(key, JSON.stringify([c.lat, c.lng, map.getZoom()])); } catch (e) {}
          });
        })();
        {% endmacro %}
    """)

    def __init__(self, token: str):
        super().__init__()
        self._name = "ViewMemory"
        self.token = str(token)
