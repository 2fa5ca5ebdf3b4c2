#ifndef KINETICS_COPENSSL_SHIM_H
#define KINETICS_COPENSSL_SHIM_H

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <openssl/crypto.h>
#include <openssl/opensslv.h>

#endif
