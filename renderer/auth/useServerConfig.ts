import { useEffect, useState } from 'react';
import { getConfig, type ServerConfig } from '../session/api';

/** The server's public configuration, re-read (debounced) while the coach edits the address. */
export function useServerConfig(serverUrl: string): ServerConfig | null {
  const [config, setConfig] = useState<{ url: string; value: ServerConfig } | null>(null);
  useEffect(() => {
    let alive = true;
    const timer = setTimeout(() => {
      getConfig(serverUrl).then(
        (value) => alive && setConfig({ url: serverUrl, value }),
        () => alive && setConfig(null),
      );
    }, 300);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [serverUrl]);
  return config?.url === serverUrl ? config.value : null;
}
