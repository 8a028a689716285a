/*===- goescape-count.c - Count heap allocation calls by call site --------===*\
|*                                                                            *|
|* Part of goescape, an out-of-tree LLVM pass plugin.                         *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/
/* An LD_PRELOAD library that counts the calls to the C and C++ allocation
 * functions by the address they return to, and writes the counts when the
 * program exits, for goescape-report --profile:
 *
 *   LD_PRELOAD=build/lib/goescape-count.so GOESCAPE_COUNT_FILE=run.count ./prog
 *   goescape-report build/ --profile run.count
 *
 * GOESCAPE_COUNT_FILE names the file ("%p" in it becomes the process id;
 * default goescape-count.%p). Each line after the header is one call site:
 * the binary, the return address in the binary's own addresses (run-time
 * address less the load bias, as its debug info has them) and the count.
 *
 * Counted: malloc, calloc, realloc, aligned_alloc, memalign, posix_memalign,
 * valloc, pvalloc, strdup, strndup, and operator new and new[] (plain,
 * nothrow, aligned). The counts go in a fixed table of return addresses,
 * lock-free; calls at sites past its size are counted as "dropped" in the
 * header. A call the library itself makes (operator new calling malloc,
 * strdup calling malloc) is not counted twice. Only glibc: the real
 * allocators are glibc's __libc_* entry points, and operator new the next
 * definition (libstdc++'s).
 *
 * A `return malloc(n)` compiled as a tail call returns to its caller's
 * caller, which is where it is counted: build the profiled program with
 * -fno-optimize-sibling-calls to count such sites where they are.
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
extern void *__libc_valloc(size_t);
extern void *__libc_pvalloc(size_t);

#define TABLE_SIZE (1u << 16) /* call sites; a power of two */

static uintptr_t Addrs[TABLE_SIZE];
static uint64_t Counts[TABLE_SIZE];
static uint64_t Dropped;
static int Done;
/* Set while a counted function calls another allocator. */
static __thread int Inside __attribute__((tls_model("initial-exec")));

static void count(void *Ret) {
  if (Inside || __atomic_load_n(&Done, __ATOMIC_RELAXED))
    return;
  uintptr_t A = (uintptr_t)Ret;
  uintptr_t H = (A * 0x9E3779B97F4A7C15ull) >> 48;
  for (unsigned I = 0; I < TABLE_SIZE; ++I) {
    unsigned Slot = (H + I) & (TABLE_SIZE - 1);
    uintptr_t Cur = __atomic_load_n(&Addrs[Slot], __ATOMIC_ACQUIRE);
    if (Cur == 0) {
      uintptr_t Expected = 0;
      if (__atomic_compare_exchange_n(&Addrs[Slot], &Expected, A, 0,
                                      __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        Cur = A;
      else
        Cur = Expected;
    }
    if (Cur == A) {
      __atomic_fetch_add(&Counts[Slot], 1, __ATOMIC_RELAXED);
      return;
    }
  }
  __atomic_fetch_add(&Dropped, 1, __ATOMIC_RELAXED);
}

#define RET __builtin_return_address(0)

void *malloc(size_t N) {
  count(RET);
  return __libc_malloc(N);
}

void *calloc(size_t N, size_t M) {
  count(RET);
  return __libc_calloc(N, M);
}

void *realloc(void *P, size_t N) {
  count(RET);
  return __libc_realloc(P, N);
}

void *memalign(size_t A, size_t N) {
  count(RET);
  return __libc_memalign(A, N);
}

void *aligned_alloc(size_t A, size_t N) {
  count(RET);
  return __libc_memalign(A, N);
}

int posix_memalign(void **Out, size_t A, size_t N) {
  count(RET);
  if (A < sizeof(void *) || (A & (A - 1)))
    return 22; /* EINVAL */
  void *P = __libc_memalign(A, N);
  if (!P)
    return 12; /* ENOMEM */
  *Out = P;
  return 0;
}

void *valloc(size_t N) {
  count(RET);
  return __libc_valloc(N);
}

void *pvalloc(size_t N) {
  count(RET);
  return __libc_pvalloc(N);
}

static char *copyString(const char *S, size_t N) {
  char *P = __libc_malloc(N + 1);
  if (P) {
    memcpy(P, S, N);
    P[N] = 0;
  }
  return P;
}

char *strdup(const char *S) {
  count(RET);
  return copyString(S, strlen(S));
}

char *__strdup(const char *S) {
  count(RET);
  return copyString(S, strlen(S));
}

char *strndup(const char *S, size_t N) {
  count(RET);
  return copyString(S, strnlen(S, N));
}

char *__strndup(const char *S, size_t N) {
  count(RET);
  return copyString(S, strnlen(S, N));
}

/* operator new and new[]: counted here, allocated by the next definition
 * (libstdc++'s, which throws and calls the new handler), with the malloc
 * it makes not counted again. */
#define FORWARD_NEW(Name, Params, Args)                                        \
  void *Name Params {                                                          \
    static void *(*Real) Params;                                               \
    count(RET);                                                                \
    if (!Real)                                                                 \
      Real = (void *(*)Params)dlsym(RTLD_NEXT, #Name);                         \
    ++Inside;                                                                  \
    void *P = Real Args;                                                       \
    --Inside;                                                                  \
    return P;                                                                  \
  }

FORWARD_NEW(_Znwm, (size_t N), (N))
FORWARD_NEW(_Znam, (size_t N), (N))
FORWARD_NEW(_ZnwmRKSt9nothrow_t, (size_t N, const void *T), (N, T))
FORWARD_NEW(_ZnamRKSt9nothrow_t, (size_t N, const void *T), (N, T))
FORWARD_NEW(_ZnwmSt11align_val_t, (size_t N, size_t A), (N, A))
FORWARD_NEW(_ZnamSt11align_val_t, (size_t N, size_t A), (N, A))
FORWARD_NEW(_ZnwmSt11align_val_tRKSt9nothrow_t,
            (size_t N, size_t A, const void *T), (N, A, T))
FORWARD_NEW(_ZnamSt11align_val_tRKSt9nothrow_t,
            (size_t N, size_t A, const void *T), (N, A, T))

/* The binary an address is in, and its load bias. */
struct Find {
  uintptr_t Addr;
  const char *Name;
  uintptr_t Bias;
  int Found;
};

static int findModule(struct dl_phdr_info *Info, size_t Size, void *Data) {
  struct Find *F = Data;
  for (int I = 0; I < Info->dlpi_phnum; ++I) {
    const ElfW(Phdr) *Ph = &Info->dlpi_phdr[I];
    if (Ph->p_type != PT_LOAD)
      continue;
    uintptr_t Start = Info->dlpi_addr + Ph->p_vaddr;
    if (F->Addr >= Start && F->Addr < Start + Ph->p_memsz) {
      F->Name = Info->dlpi_name;
      F->Bias = Info->dlpi_addr;
      F->Found = 1;
      return 1;
    }
  }
  return 0;
}

__attribute__((destructor)) static void writeCounts(void) {
  __atomic_store_n(&Done, 1, __ATOMIC_SEQ_CST);
  const char *Pattern = getenv("GOESCAPE_COUNT_FILE");
  if (!Pattern || !*Pattern)
    Pattern = "goescape-count.%p";
  char Path[4096];
  size_t O = 0;
  for (const char *C = Pattern; *C && O + 24 < sizeof Path; ++C) {
    if (C[0] == '%' && C[1] == 'p') {
      O += snprintf(Path + O, sizeof Path - O, "%ld", (long)getpid());
      ++C;
      continue;
    }
    Path[O++] = *C;
  }
  Path[O] = 0;

  char Exe[4096];
  ssize_t N = readlink("/proc/self/exe", Exe, sizeof Exe - 1);
  Exe[N > 0 ? N : 0] = 0;

  FILE *Out = fopen(Path, "w");
  if (!Out) {
    fprintf(stderr, "goescape-count: cannot write '%s'\n", Path);
    return;
  }
  fprintf(Out, "# goescape-count 1\n");
  if (Dropped)
    fprintf(Out, "# dropped %llu\n", (unsigned long long)Dropped);
  for (unsigned I = 0; I < TABLE_SIZE; ++I) {
    if (!Addrs[I])
      continue;
    struct Find F = {Addrs[I], 0, 0, 0};
    dl_iterate_phdr(findModule, &F);
    if (!F.Found)
      continue;
    /* The main program has no name in the link map. */
    const char *Name = F.Name && *F.Name ? F.Name : Exe;
    fprintf(Out, "%s\t0x%llx\t%llu\n", Name,
            (unsigned long long)(Addrs[I] - F.Bias),
            (unsigned long long)Counts[I]);
  }
  fclose(Out);
}
