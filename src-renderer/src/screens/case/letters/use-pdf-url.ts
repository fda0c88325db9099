import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { call } from '../../../api/client';

function blobOf(base64: string): Blob {
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  return new Blob([bytes], { type: 'application/pdf' });
}

/** A letter's PDF as a blob URL for the preview frame, revoked when the letter changes or the screen closes. */
export function usePdfUrl(letterId: string | null) {
  const pdf = useQuery({ queryKey: ['letters.pdf', letterId], queryFn: () => call('letters.pdf', { letterId: letterId! }), enabled: letterId !== null, staleTime: Infinity });
  const url = useMemo(() => (pdf.data ? URL.createObjectURL(blobOf(pdf.data.base64)) : null), [pdf.data]);
  useEffect(() => () => {
    if (url) URL.revokeObjectURL(url);
  }, [url]);
  return { url, fileName: pdf.data?.fileName ?? null, isPending: pdf.isPending && letterId !== null, error: pdf.error };
}
