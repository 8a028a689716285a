/*===- Loader.c - GoEscape.so: checks the host's LLVM, then loads goescape -===*
 *
 * Part of goescape, an out-of-tree LLVM pass plugin.
 *
 *===----------------------------------------------------------------------===*/
/* \file
 * GoEscape.so is this file alone: plain C with no LLVM symbol in it, so that
 * the dynamic loader can load it into any LLVM. The pass plugin itself,
 * GoEscape-llvm22.so, needs LLVM 22's symbols, and in another LLVM the
 * dynamic loader refuses it before any of its code runs ("undefined symbol:
 * _ZN4llvm...") or, worse, binds it to code of another ABI. So, while the
 * host loads GoEscape.so (where it used to run the plugin's constructors,
 * which register the -goescape-* options before clang reads -mllvm):
 *
 *   1. find the host's LLVM version: LLVMGetVersion (LLVM >= 16), else the
 *      name of a loaded libLLVM-N.so or libLLVM.so.N, whose full version is
 *      the "LLVMN.x.y" it writes into bitcode. Unknown: assume LLVM 22;
 *   2. another major: say which LLVM GoEscape.so is built for and which it
 *      was loaded into, and load nothing;
 *   3. else load GoEscape-llvm22.so from beside the real file of GoEscape.so
 *      if it is the one built with it (its GNU build ID, compiled in here):
 *      a copy of GoEscape.so alone, or beside another build's
 *      implementation, is an error that says so.
 *
 * llvmGetPassPluginInfo is an indirect function (STT_GNU_IFUNC) resolved
 * when the host looks it up, after step 3: the implementation's own entry
 * point, or one that returns API version 0, which every LLVM refuses with its
 * own message ("Wrong API version on plugin"). That one returns only the
 * fields of API version 1 (LLVM 14 to 21), a prefix of every later layout:
 * LLVM 22's PassPluginLibraryInfo is 8 bytes larger, and writing it into an
 * older host's return slot would overrun it.
 *===----------------------------------------------------------------------===*/

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "GoEscapeImplId.h" /* GOESCAPE_IMPL_BUILD_ID, its _SIZE */

/* From lib/CMakeLists.txt: GOESCAPE_VERSION, GOESCAPE_IMPL_NAME,
 * GOESCAPE_LLVM_VERSION ("22.1.8"), GOESCAPE_LLVM_MAJOR (22) and
 * GOESCAPE_LLVM_BINDIR (LLVM 22's bin directory). */

typedef struct {
  unsigned Major, Minor, Patch;
  int Known; /* 0: unknown, 1: the major only, 2: all three */
} Version;

/* LLVM >= 16 exports the C API's LLVMGetVersion. */
static void versionFromLLVMGetVersion(Version *V) {
  void (*Get)(unsigned *, unsigned *, unsigned *);
  *(void **)&Get = dlsym(RTLD_DEFAULT, "LLVMGetVersion");
  if (!Get)
    return;
  Get(&V->Major, &V->Minor, &V->Patch);
  V->Known = 2;
}

/* The major in a library's name: libLLVM-14.so[.1], libLLVM.so.22[.1]. */
static int majorFromName(const char *Path, unsigned *Major) {
  const char *Base = strrchr(Path, '/');
  Base = Base ? Base + 1 : Path;
  const char *Digits;
  if (!strncmp(Base, "libLLVM-", 8))
    Digits = Base + 8;
  else if (!strncmp(Base, "libLLVM.so.", 11))
    Digits = Base + 11;
  else
    return 0;
  char *End;
  unsigned long N = strtoul(Digits, &End, 10);
  if (End == Digits || N == 0 || N > 1000 || (*End != '.' && *End != '\0'))
    return 0;
  *Major = (unsigned)N;
  return 1;
}

/* "LLVM14.0.6": the producer string LLVM writes into every bitcode file, one
 * literal in the library's read-only data. Only the error message wants it. */
static void minorPatchFromData(struct dl_phdr_info *Info, Version *V) {
  char Prefix[16];
  int PrefixLen = snprintf(Prefix, sizeof Prefix, "LLVM%u.", V->Major);
  for (int I = 0; I < Info->dlpi_phnum; ++I) {
    const ElfW(Phdr) *P = &Info->dlpi_phdr[I];
    if (P->p_type != PT_LOAD || !(P->p_flags & PF_R) || (P->p_flags & PF_W))
      continue;
    const char *Begin = (const char *)(Info->dlpi_addr + P->p_vaddr);
    const char *End = Begin + P->p_filesz;
    for (const char *S = Begin;
         (S = memmem(S, End - S, Prefix, PrefixLen)) != NULL; ++S) {
      unsigned Minor, Patch;
      int Len = 0;
      const char *Rest = S + PrefixLen;
      size_t Room = End - Rest < 16 ? End - Rest : 16;
      char Buf[17];
      memcpy(Buf, Rest, Room);
      Buf[Room] = '\0';
      if (sscanf(Buf, "%u.%u%n", &Minor, &Patch, &Len) == 2 &&
          (size_t)Len < Room && Rest[Len] == '\0') {
        V->Minor = Minor;
        V->Patch = Patch;
        V->Known = 2;
        return;
      }
    }
  }
}

static int findLibLLVM(struct dl_phdr_info *Info, size_t Size, void *Data) {
  Version *V = Data;
  if (!Info->dlpi_name || !majorFromName(Info->dlpi_name, &V->Major))
    return 0;
  V->Known = 1;
  minorPatchFromData(Info, V);
  return 1;
}

static Version hostVersion(void) {
  Version V = {0, 0, 0, 0};
  versionFromLLVMGetVersion(&V);
  if (!V.Known)
    dl_iterate_phdr(findLibLLVM, &V);
  return V;
}

static void formatVersion(const Version *V, char *Buf, size_t Size) {
  if (V->Known == 2)
    snprintf(Buf, Size, "%u.%u.%u", V->Major, V->Minor, V->Patch);
  else
    snprintf(Buf, Size, "%u", V->Major);
}

/* The program that loaded us: /usr/lib/llvm-14/bin/opt. */
static void hostProgram(char *Buf, size_t Size) {
  ssize_t N = readlink("/proc/self/exe", Buf, Size - 1);
  if (N > 0) {
    Buf[N] = '\0';
    return;
  }
  snprintf(Buf, Size, "%s", program_invocation_name);
}

static void hex(const unsigned char *Bytes, size_t N, char *Buf) {
  for (size_t I = 0; I < N; ++I)
    sprintf(Buf + 2 * I, "%02x", Bytes[I]);
  Buf[2 * N] = '\0';
}

/* The GNU build ID of the ELF file at Path, read from its program headers'
 * notes before anything of it is loaded. Returns its size, 0 if it has none,
 * -1 with errno set if the file cannot be read. */
static ssize_t buildId(const char *Path, unsigned char *Id, size_t Max) {
  int Fd = open(Path, O_RDONLY | O_CLOEXEC);
  if (Fd < 0)
    return -1;
  ssize_t Found = 0;
  ElfW(Ehdr) E;
  if (pread(Fd, &E, sizeof E, 0) != (ssize_t)sizeof E ||
      memcmp(E.e_ident, ELFMAG, SELFMAG) ||
      E.e_phentsize != sizeof(ElfW(Phdr)) || E.e_phnum > 256)
    goto done;
  for (unsigned I = 0; I < E.e_phnum && !Found; ++I) {
    ElfW(Phdr) P;
    if (pread(Fd, &P, sizeof P, E.e_phoff + I * sizeof P) != (ssize_t)sizeof P)
      break;
    unsigned char Notes[4096];
    if (P.p_type != PT_NOTE || P.p_filesz > sizeof Notes)
      continue;
    if (pread(Fd, Notes, P.p_filesz, P.p_offset) != (ssize_t)P.p_filesz)
      continue;
    size_t Align = P.p_align == 8 ? 8 : 4;
    for (size_t At = 0; At + sizeof(ElfW(Nhdr)) <= P.p_filesz;) {
      ElfW(Nhdr) N;
      memcpy(&N, Notes + At, sizeof N);
      size_t Name = At + sizeof N;
      size_t Desc = Name + ((N.n_namesz + Align - 1) & ~(Align - 1));
      size_t Next = Desc + ((N.n_descsz + Align - 1) & ~(Align - 1));
      if (Desc + N.n_descsz > P.p_filesz)
        break;
      if (N.n_type == NT_GNU_BUILD_ID && N.n_namesz == 4 &&
          !memcmp(Notes + Name, "GNU", 4) && N.n_descsz <= Max) {
        memcpy(Id, Notes + Desc, N.n_descsz);
        Found = N.n_descsz;
        break;
      }
      At = Next;
    }
  }
done:
  close(Fd);
  return Found;
}

/* API version 1's PassPluginLibraryInfo: every layout starts with it. */
typedef struct {
  uint32_t APIVersion;
  const char *PluginName;
  const char *PluginVersion;
  void (*RegisterPassBuilderCallbacks)(void *);
} RejectedInfo;

static RejectedInfo rejectedInfo(void) {
  RejectedInfo I = {0, "goescape", GOESCAPE_VERSION, NULL};
  return I;
}

typedef void EntryPoint(void);
static EntryPoint *Entry; /* the implementation's llvmGetPassPluginInfo */

static const char *baseName(const char *Path) {
  const char *S = strrchr(Path, '/');
  return S ? S + 1 : Path;
}

static void loadImplementation(void) {
  Dl_info Self;
  if (!dladdr(&Entry, &Self) || !Self.dli_fname) {
    fprintf(stderr, "goescape: cannot tell where GoEscape.so is: %s\n",
            dlerror());
    return;
  }
  const char *Loader = Self.dli_fname; /* as the host named it */
  char Program[PATH_MAX];
  hostProgram(Program, sizeof Program);

  Version Host = hostVersion();
  char HostVersion[32];
  formatVersion(&Host, HostVersion, sizeof HostVersion);
  if (Host.Known && Host.Major != GOESCAPE_LLVM_MAJOR) {
    fprintf(stderr,
            "goescape: %s is built for LLVM %s but was loaded into LLVM %s "
            "(%s); use LLVM %d's clang, opt or ld.lld (%s): goescape builds "
            "only against LLVM %d\n",
            baseName(Loader), GOESCAPE_LLVM_VERSION, HostVersion, Program,
            GOESCAPE_LLVM_MAJOR, GOESCAPE_LLVM_BINDIR, GOESCAPE_LLVM_MAJOR);
    return;
  }

  /* Beside the real file: a symlink to GoEscape.so finds its build's. */
  char Real[PATH_MAX], Impl[PATH_MAX + sizeof GOESCAPE_IMPL_NAME];
  if (!realpath(Loader, Real))
    snprintf(Real, sizeof Real, "%s", Loader);
  char *Slash = strrchr(Real, '/');
  if (Slash)
    snprintf(Impl, sizeof Impl, "%.*s/%s", (int)(Slash - Real), Real,
             GOESCAPE_IMPL_NAME);
  else
    snprintf(Impl, sizeof Impl, "%s", GOESCAPE_IMPL_NAME);

  static const unsigned char Expected[] = GOESCAPE_IMPL_BUILD_ID;
  unsigned char Id[64];
  ssize_t IdSize = buildId(Impl, Id, sizeof Id);
  if (IdSize < 0) {
    fprintf(stderr,
            "goescape: %s needs %s beside it, from the same build: %s: %s\n",
            Loader, GOESCAPE_IMPL_NAME, Impl, strerror(errno));
    return;
  }
  if ((size_t)IdSize != GOESCAPE_IMPL_BUILD_ID_SIZE ||
      memcmp(Id, Expected, IdSize)) {
    char Got[2 * sizeof Id + 1], Want[2 * sizeof Expected + 1];
    hex(Id, IdSize, Got);
    hex(Expected, GOESCAPE_IMPL_BUILD_ID_SIZE, Want);
    fprintf(stderr,
            "goescape: %s is not the %s that %s was built with (build ID "
            "%s, expected %s): copy both files from one build\n",
            Impl, GOESCAPE_IMPL_NAME, baseName(Loader), IdSize ? Got : "none",
            Want);
    return;
  }

  /* As the host loads a plugin (global), but every symbol now: a host that
   * does not say its version and lacks one of LLVM 22's fails here. */
  void *Handle = dlopen(Impl, RTLD_NOW | RTLD_GLOBAL);
  if (!Handle) {
    if (Host.Known)
      fprintf(stderr, "goescape: cannot load %s into LLVM %s (%s): %s\n",
              Impl, HostVersion, Program, dlerror());
    else
      fprintf(stderr,
              "goescape: cannot load %s, built for LLVM %s, into %s, whose "
              "LLVM version is unknown: %s; use LLVM %d's clang, opt or "
              "ld.lld (%s)\n",
              Impl, GOESCAPE_LLVM_VERSION, Program, dlerror(),
              GOESCAPE_LLVM_MAJOR, GOESCAPE_LLVM_BINDIR);
    return;
  }
  *(void **)&Entry = dlsym(Handle, "llvmGetPassPluginInfo");
  if (!Entry)
    fprintf(stderr, "goescape: %s has no llvmGetPassPluginInfo: %s\n", Impl,
            dlerror());
}

__attribute__((constructor)) static void goescapeLoad(void) {
  loadImplementation();
}

static EntryPoint *resolveEntry(void) {
  return Entry ? Entry : (EntryPoint *)rejectedInfo;
}

__attribute__((visibility("default"))) void llvmGetPassPluginInfo(void)
    __attribute__((ifunc("resolveEntry")));
