/* A stand-in for Windows' bcryptprimitives.dll, for tests under Wine only.
 * Go's runtime (1.24 on) loads ProcessPrng from it at start; Wine 8 has no
 * such DLL. This one fills the buffer through RtlGenRandom (advapi32's
 * SystemFunction036). It is a test fixture and never ships. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
	while (size > 0) {
		ULONG n = size > 0x10000000 ? 0x10000000 : (ULONG)size;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		size -= n;
	}
	return TRUE;
}
