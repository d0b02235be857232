#ifndef GS_CBLAS_SHIM_H
#define GS_CBLAS_SHIM_H
// OpenBLAS's CBLAS interface plus the few LAPACK and OpenBLAS entry points we call.
// Debian ships no LAPACKE header for OpenBLAS, so the Fortran symbol is declared here.
#include <cblas.h>

/// Symmetric eigenvalues (and optionally eigenvectors), divide and conquer. Fortran calling convention.
void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w,
             double *work, const int *lwork, int *iwork, const int *liwork, int *info);
/// Symmetric eigenvalues, QR iteration. Fortran calling convention.
void dsyev_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w,
            double *work, const int *lwork, int *info);

#endif
