#ifndef RIR_CLIBXML2_SHIM_H
#define RIR_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Foundation ships its own ICU; libxml2's ICU declarations clash with it. */
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

/* xmlFree is a global function pointer, which Swift cannot call directly. */
static inline void rir_xml_free(void *pointer) { xmlFree(pointer); }
#endif
