import { useCallback, useMemo, useState } from 'react';
import { Tree, type TreeDataNode } from 'antd';
import { AreaSummary, type AreaLevel, type AreaRef } from '@fengqiao/shared';
import { z } from 'zod';
import { api } from '../../api/client';
import { levelKey, useT } from '../../i18n';

const Children = z.array(AreaSummary);

interface Props {
  root: AreaRef;
  selected: string;
  /** Codes to expand (ancestors of the selected area). */
  expandTo: string[];
  onSelect: (code: string) => void;
}

interface NodeInfo {
  name: string;
  level: AreaLevel;
  leaf: boolean;
}

export function AreaTree({ root, selected, expandTo, onSelect }: Props) {
  const t = useT();
  const [children, setChildren] = useState<Record<string, string[]>>({});
  const [info, setInfo] = useState<Record<string, NodeInfo>>({ [root.code]: { name: root.name, level: root.level, leaf: false } });
  const [expanded, setExpanded] = useState<string[]>([root.code]);

  // Expand the path to the selected area when it changes (loadData fills the nodes lazily).
  const [lastExpandTo, setLastExpandTo] = useState<string>('');
  const key = expandTo.join(',');
  if (key !== lastExpandTo) {
    setLastExpandTo(key);
    setExpanded((e) => Array.from(new Set([...e, root.code, ...expandTo])));
  }

  const loadData = useCallback(async (node: { key: React.Key }) => {
    const code = String(node.key);
    const list = await api(`/api/areas/${encodeURIComponent(code)}/children`, { schema: Children });
    setInfo((m) => {
      const n = { ...m };
      for (const a of list) n[a.code] = { name: a.name, level: a.level, leaf: a.childCount === 0 };
      if (list.length === 0 && n[code]) n[code] = { ...n[code], leaf: true };
      return n;
    });
    setChildren((c) => ({ ...c, [code]: list.map((a) => a.code) }));
  }, []);

  const treeData = useMemo(() => {
    const build = (code: string): TreeDataNode => {
      const i = info[code];
      const kids = children[code];
      return {
        key: code,
        title: (
          <span data-testid={`tree-node-${code}`} title={`${code} · ${i ? t(levelKey(i.level)) : ''}`}>
            {i?.name ?? code}
          </span>
        ),
        isLeaf: i?.leaf ?? false,
        ...(kids ? { children: kids.map(build) } : {}),
      };
    };
    return [build(root.code)];
  }, [info, children, root.code, t]);

  return (
    <Tree
      data-testid="area-tree"
      treeData={treeData}
      loadData={loadData}
      expandedKeys={expanded}
      onExpand={(keys) => setExpanded(keys.map(String))}
      selectedKeys={[selected]}
      onSelect={(keys) => {
        const k = keys[0];
        if (k !== undefined) onSelect(String(k));
      }}
    />
  );
}
