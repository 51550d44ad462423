/* bekal-loader-schema.c: the RELAX NG check of a module and the filtering of its errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

#include <bekal/bekal-diagnostic.h>

#include "bekal-core-resources.h"
#include "bekal-loader-private.h"

#define SCHEMA_RES "/io/github/bekal_peksos/Bekal/schema/bekal-module-1.rng"

/* One error of the RELAX NG validation, kept until they are all known */
typedef struct
{
  BekalDiagnostic *diagnostic;
  int              code;
  xmlNodePtr       node;
} RngError;

/* Helpers: RELAX NG */

/* libxml2 2.9 compiles the regular expression of a pattern facet again for every value it
 * checks, which made patterns a third of the validation time. The loader checks the same
 * forms itself (ids, version, numbers, times), with clearer messages, so its copy of the
 * schema goes without them; the schema file keeps them for other tools. */
static void
remove_pattern_params (xmlNodePtr node)
{
  xmlNodePtr child = node ? node->children : NULL;

  while (child != NULL)
    {
      xmlNodePtr next = child->next;

      if (child->type == XML_ELEMENT_NODE && xmlStrEqual (child->name, BAD_CAST "param"))
        {
          xmlChar *name = xmlGetNoNsProp (child, BAD_CAST "name");

          if (xmlStrEqual (name, BAD_CAST "pattern"))
            {
              xmlUnlinkNode (child);
              xmlFreeNode (child);
            }
          xmlFree (name);
        }
      else if (child->type == XML_ELEMENT_NODE)
        remove_pattern_params (child);

      child = next;
    }
}

/* libxml2 validates a define that mixes attributes with repeated elements in time that grows
 * with the square of their number: a question with 100 000 options took 19 s, a quiz with
 * 20 000 questions 6 s. The schema file states which children each question type has, which
 * needs exactly that mix (the type attribute chooses the children). The loader's copy uses
 * these flat definitions instead, and bekal-loader-build.c checks the children and the
 * attributes of each type itself, with a message saying what to write. */
static const char relaxed_defines[] =
  "<grammar xmlns=\"http://relaxng.org/ns/structure/1.0\" ns=\"" MODULE_NS "\""
  " datatypeLibrary=\"http://www.w3.org/2001/XMLSchema-datatypes\">"
  "<define name=\"quiz\"><element name=\"quiz\">"
  "<ref name=\"id.attr\"/>"
  "<attribute name=\"role\"><choice><value datatypeLibrary=\"\">pretest</value>"
  "<value datatypeLibrary=\"\">practice</value><value datatypeLibrary=\"\">posttest</value>"
  "</choice></attribute>"
  "<optional><attribute name=\"draw\"><ref name=\"positive.value\"/></attribute></optional>"
  "<optional><attribute name=\"shuffle\"><ref name=\"boolean.value\"/></attribute></optional>"
  "<optional><attribute name=\"pass\"><ref name=\"percent.value\"/></attribute></optional>"
  "<optional><attribute name=\"retakes\"><ref name=\"count.value\"/></attribute></optional>"
  "<optional><attribute name=\"time-limit\"><ref name=\"positive.value\"/></attribute>"
  "</optional>"
  "<optional><attribute name=\"lint-ignore\"/><attribute name=\"lint-reason\"/></optional>"
  "<optional><attribute name=\"pool\"><ref name=\"id.value\"/></attribute></optional>"
  "<optional><ref name=\"title\"/></optional>"
  "<zeroOrMore><ref name=\"question\"/></zeroOrMore>"
  "</element></define>"
  "<define name=\"question\"><element name=\"question\">"
  "<ref name=\"id.attr\"/>"
  "<attribute name=\"topic\"><ref name=\"id.value\"/></attribute>"
  "<attribute name=\"type\"><choice><value datatypeLibrary=\"\">single</value>"
  "<value datatypeLibrary=\"\">multiple</value><value datatypeLibrary=\"\">truefalse</value>"
  "<value datatypeLibrary=\"\">order</value><value datatypeLibrary=\"\">match</value>"
  "<value datatypeLibrary=\"\">scale</value></choice></attribute>"
  "<optional><ref name=\"form.attr\"/></optional>"
  "<optional><attribute name=\"answer\"><ref name=\"boolean.value\"/></attribute></optional>"
  "<optional><attribute name=\"min\"><ref name=\"integer.value\"/></attribute></optional>"
  "<optional><attribute name=\"max\"><ref name=\"integer.value\"/></attribute></optional>"
  "<ref name=\"prompt\"/>"
  "<zeroOrMore><choice><ref name=\"option\"/><ref name=\"order.item\"/><ref name=\"pair\"/>"
  "<ref name=\"scale.label\"/><ref name=\"feedback.for\"/></choice></zeroOrMore>"
  "<ref name=\"explanation\"/>"
  "</element></define>"
  "</grammar>";

/* Replaces the defines of @schema_root named like those of relaxed_defines */
static gboolean
use_relaxed_defines (xmlDocPtr schema_doc)
{
  xmlDocPtr relaxed = xmlReadMemory (relaxed_defines, sizeof relaxed_defines - 1, "relaxed",
                                     NULL, XML_PARSE_NONET);
  xmlNodePtr root = xmlDocGetRootElement (schema_doc);
  guint n_replaced = 0;
  guint n_defines = 0;

  if (relaxed == NULL || root == NULL)
    {
      g_clear_pointer (&relaxed, xmlFreeDoc);
      return FALSE;
    }

  for (xmlNodePtr define = xmlDocGetRootElement (relaxed)->children; define != NULL;
       define = define->next)
    {
      xmlChar *name = xmlGetNoNsProp (define, BAD_CAST "name");

      n_defines++;
      for (xmlNodePtr old = root->children; old != NULL; old = old->next)
        {
          xmlChar *old_name;

          if (old->type != XML_ELEMENT_NODE || !xmlStrEqual (old->name, BAD_CAST "define"))
            continue;
          old_name = xmlGetNoNsProp (old, BAD_CAST "name");
          if (xmlStrEqual (old_name, name))
            {
              xmlNodePtr copy = xmlDocCopyNode (define, schema_doc, 1);

              xmlReplaceNode (old, copy);
              xmlFreeNode (old);
              n_replaced++;
              xmlFree (old_name);
              break;
            }
          xmlFree (old_name);
        }
      xmlFree (name);
    }

  xmlFreeDoc (relaxed);

  return n_replaced == n_defines;
}

static xmlRelaxNGPtr
get_schema (void)
{
  static gsize initialized = 0;
  static xmlRelaxNGPtr schema = NULL;

  if (g_once_init_enter (&initialized))
    {
      g_autoptr(GBytes) bytes = g_resource_lookup_data (bekal_core_get_resource (), SCHEMA_RES,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      gsize size = 0;
      const char *data = bytes ? g_bytes_get_data (bytes, &size) : NULL;

      xmlDocPtr doc = data ? xmlReadMemory (data, (int) size, SCHEMA_RES, NULL,
                                            XML_PARSE_NONET) : NULL;

      if (doc != NULL)
        {
          xmlRelaxNGParserCtxtPtr parser;

          remove_pattern_params (xmlDocGetRootElement (doc));
          if (!use_relaxed_defines (doc))
            g_critical ("The built-in module schema lacks the definitions the loader replaces");
          parser = xmlRelaxNGNewDocParserCtxt (doc);
          schema = xmlRelaxNGParse (parser);
          xmlRelaxNGFreeParserCtxt (parser);
          xmlFreeDoc (doc);
        }

      if (schema == NULL)
        g_critical ("The built-in module schema could not be read");

      g_once_init_leave (&initialized, 1);
    }

  return schema;
}

/* The attributes the schema gives each element: whether required, and the values allowed when
 * it lists them; read once from the schema, to say which attribute is wrong and what it may be
 * where libxml2 only says that one of them is */
typedef struct
{
  char      *name;
  gboolean   required;
  GPtrArray *values;   /* of char *; empty when any value of the form is allowed */
} AttributeRule;

static void
attribute_rule_free (AttributeRule *rule)
{
  g_free (rule->name);
  g_ptr_array_unref (rule->values);
  g_free (rule);
}

static gboolean
rng_is (xmlNodePtr  node,
        const char *name)
{
  return node->type == XML_ELEMENT_NODE && xmlStrEqual (node->name, BAD_CAST name);
}

static char *
rng_name (xmlNodePtr node)
{
  xmlChar *value = xmlGetNoNsProp (node, BAD_CAST "name");
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

static void
collect_values (xmlNodePtr  node,
                GHashTable *defines,
                guint       depth,
                GPtrArray  *values)
{
  if (depth > 16)
    return;
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      if (rng_is (child, "value"))
        {
          xmlChar *text = xmlNodeGetContent (child);

          g_ptr_array_add (values, g_strdup ((const char *) text));
          xmlFree (text);
        }
      else if (rng_is (child, "ref"))
        {
          g_autofree char *name = rng_name (child);
          xmlNodePtr define = g_hash_table_lookup (defines, name);

          if (define != NULL)
            collect_values (define, defines, depth + 1, values);
        }
      else if (child->type == XML_ELEMENT_NODE)
        collect_values (child, defines, depth + 1, values);
    }
}

/* The attributes under @node, down to (not into) the next element, through refs */
static void
collect_attributes (xmlNodePtr   node,
                    GHashTable  *defines,
                    gboolean     optional,
                    guint        depth,
                    GPtrArray   *rules)
{
  if (depth > 16)
    return;
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      if (rng_is (child, "element"))
        continue;
      if (rng_is (child, "attribute"))
        {
          AttributeRule *rule = g_new0 (AttributeRule, 1);

          rule->name = rng_name (child);
          rule->required = !optional;
          rule->values = g_ptr_array_new_with_free_func (g_free);
          collect_values (child, defines, 0, rule->values);
          g_ptr_array_add (rules, rule);
        }
      else if (rng_is (child, "ref"))
        {
          g_autofree char *name = rng_name (child);
          xmlNodePtr define = g_hash_table_lookup (defines, name);

          if (define != NULL)
            collect_attributes (define, defines, optional, depth + 1, rules);
        }
      else if (child->type == XML_ELEMENT_NODE)
        collect_attributes (child, defines, optional || rng_is (child, "optional")
                            || rng_is (child, "choice") || rng_is (child, "zeroOrMore"),
                            depth + 1, rules);
    }
}

static void
collect_elements (xmlNodePtr  node,
                  GHashTable *defines,
                  GHashTable *elements)
{
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      if (rng_is (child, "element"))
        {
          char *name = rng_name (child);
          GPtrArray *rules = g_hash_table_lookup (elements, name);

          if (rules == NULL)
            {
              rules = g_ptr_array_new_with_free_func ((GDestroyNotify) attribute_rule_free);
              g_hash_table_insert (elements, name, rules);
            }
          else
            g_free (name);
          collect_attributes (child, defines, FALSE, 0, rules);
        }
      if (child->type == XML_ELEMENT_NODE)
        collect_elements (child, defines, elements);
    }
}

/* element name → GPtrArray of AttributeRule */
static GHashTable *
attribute_rules (void)
{
  static GHashTable *elements = NULL;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_autoptr(GBytes) bytes = g_resource_lookup_data (bekal_core_get_resource (), SCHEMA_RES,
                                                        0, NULL);
      gsize size = 0;
      const char *data = bytes ? g_bytes_get_data (bytes, &size) : NULL;
      xmlDocPtr doc = data ? xmlReadMemory (data, (int) size, SCHEMA_RES, NULL, XML_PARSE_NONET)
                           : NULL;
      g_autoptr(GHashTable) defines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             NULL);

      elements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_ptr_array_unref);
      if (doc != NULL)
        {
          xmlNodePtr root = xmlDocGetRootElement (doc);

          for (xmlNodePtr child = root->children; child != NULL; child = child->next)
            if (rng_is (child, "define"))
              g_hash_table_insert (defines, rng_name (child), child);
          collect_elements (root, defines, elements);
          xmlFreeDoc (doc);
        }
      g_once_init_leave (&initialized, 1);
    }
  return elements;
}

/* Every element name of the schema, for suggesting the one a misspelled name meant */
static const char * const *
element_names (void)
{
  static const char **names = NULL;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      GHashTable *elements = attribute_rules ();
      GHashTableIter iter;
      gpointer key;
      guint i = 0;

      names = g_new0 (const char *, g_hash_table_size (elements) + 1);
      g_hash_table_iter_init (&iter, elements);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        names[i++] = key;
      g_once_init_leave (&initialized, 1);
    }
  return names;
}

/* What the schema allows for the attribute @name of @element: whether it knows it at all, and
 * the values allowed, joined by commas (NULL when any value of its form is) */
static gboolean
attribute_info (const char  *element,
                const char  *name,
                char       **values)
{
  GPtrArray *rules = g_hash_table_lookup (attribute_rules (), element);
  g_autoptr(GPtrArray) allowed = g_ptr_array_new ();
  gboolean known = FALSE;
  gboolean any = FALSE;

  *values = NULL;
  for (guint i = 0; rules != NULL && i < rules->len; i++)
    {
      AttributeRule *rule = g_ptr_array_index (rules, i);

      if (!g_str_equal (rule->name, name))
        continue;
      known = TRUE;
      any |= rule->values->len == 0;
      /* the schema file gives each question type its own variant: gather them */
      for (guint j = 0; j < rule->values->len; j++)
        if (!g_ptr_array_find_with_equal_func (allowed, g_ptr_array_index (rule->values, j),
                                               g_str_equal, NULL))
          g_ptr_array_add (allowed, g_ptr_array_index (rule->values, j));
    }

  if (known && !any && allowed->len > 0)
    {
      g_ptr_array_add (allowed, NULL);
      *values = g_strjoinv (", ", (char **) allowed->pdata);
    }
  return known;
}

static gboolean
value_in_list (const char *value,
               const char *list)
{
  g_auto(GStrv) items = g_strsplit (list, ", ", -1);

  return g_strv_contains ((const char * const *) items, value);
}

/* The attribute names of @element, joined by commas */
static char *
attribute_names (const char *element)
{
  GPtrArray *rules = g_hash_table_lookup (attribute_rules (), element);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; rules != NULL && i < rules->len; i++)
    {
      AttributeRule *rule = g_ptr_array_index (rules, i);

      if (!g_ptr_array_find_with_equal_func (names, rule->name, g_str_equal, NULL))
        g_ptr_array_add (names, rule->name);
    }
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

/* The value of @attr on @node said with the values allowed, when it is not one of them */
static char *
describe_value (xmlNodePtr  node,
                const char *attr)
{
  g_autofree char *values = NULL;
  xmlChar *value = xmlGetNoNsProp (node, BAD_CAST attr);
  char *message = NULL;

  if (value != NULL && attribute_info ((const char *) node->name, attr, &values)
      && values != NULL && !value_in_list ((const char *) value, values))
    message = g_strdup_printf (_("%s=\"%s\" is not allowed on <%s>: write one of %s."), attr,
                               (const char *) value, (const char *) node->name, values);
  xmlFree (value);
  return message;
}

/* Which attribute of @node is missing or wrong, said with what it may be; NULL when the
 * schema's lists do not tell */
static char *
describe_attribute_error (xmlNodePtr node)
{
  GPtrArray *rules;

  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return NULL;
  rules = g_hash_table_lookup (attribute_rules (), (const char *) node->name);
  if (rules == NULL)
    return NULL;

  for (guint i = 0; i < rules->len; i++)
    {
      AttributeRule *rule = g_ptr_array_index (rules, i);
      char *message;

      if (!xmlHasProp (node, BAD_CAST rule->name))
        {
          if (rule->required)
            return g_strdup_printf (_("<%s> needs the attribute %s."),
                                    (const char *) node->name, rule->name);
          continue;
        }
      message = describe_value (node, rule->name);
      if (message != NULL)
        return message;
    }
  return NULL;
}

/* An attribute libxml2 did not accept: a value not allowed, or a name the element does not
 * have (likely misspelled) */
static char *
describe_invalid_attribute (xmlNodePtr  node,
                            const char *attr)
{
  g_autofree char *values = NULL;
  g_autofree char *names = NULL;
  g_auto(GStrv) candidates = NULL;
  const char *element;
  const char *suggestion;

  if (node == NULL || node->type != XML_ELEMENT_NODE || attr == NULL)
    return NULL;
  element = (const char *) node->name;
  if (!g_hash_table_contains (attribute_rules (), element))
    return NULL;
  if (attribute_info (element, attr, &values))
    return describe_value (node, attr);

  names = attribute_names (element);
  if (names[0] == '\0')
    return g_strdup_printf (_("<%s> has no attributes: remove “%s”."), element, attr);
  candidates = g_strsplit (names, ", ", -1);
  suggestion = bekal_loader_suggest_name (attr, (const char * const *) candidates);
  if (suggestion != NULL)
    return g_strdup_printf (_("<%s> has no attribute “%s”. Did you mean “%s”?"), element, attr,
                            suggestion);
  return g_strdup_printf (_("<%s> has no attribute “%s”: it takes %s."), element, attr, names);
}

/* An element in a place where the schema does not allow it: a misspelled name, or one out of
 * order */
static char *
describe_misplaced_element (const char *name)
{
  const char *suggestion;

  if (g_hash_table_contains (attribute_rules (), name))
    {
      if (g_str_equal (name, "explanation"))
        return g_strdup (_("<explanation> is not allowed at this place: it comes last in a "
                           "<question>, after the answers."));
      if (g_str_equal (name, "prompt"))
        return g_strdup (_("<prompt> is not allowed at this place: it comes first in a "
                           "<question>, before the answers."));
      return g_strdup_printf (_("<%s> is not allowed at this place. Check the order of the "
                                "elements in the format reference."), name);
    }

  suggestion = bekal_loader_suggest_name (name, element_names ());
  if (suggestion != NULL)
    return g_strdup_printf (_("<%s> is not an element of the module format. Did you mean "
                              "<%s>?"), name, suggestion);
  return g_strdup_printf (_("<%s> is not an element of the module format. Check its spelling "
                            "in the format reference."), name);
}

static char *
describe_rng_error (const xmlError *error)
{
  const char *a = error->str1 ? error->str1 : "?";
  const char *b = error->str2 ? error->str2 : "?";
  g_autofree char *raw = bekal_loader_trim_libxml_message (error->message);

  switch (error->code)
    {
    case XML_RELAXNG_ERR_ELEMNAME:
      return g_strdup_printf (_("<%s> is not expected here; the format asks for <%s> at this "
                                "place."), b, a);
    case XML_RELAXNG_ERR_NOELEM:
      if (error->str1 == NULL || error->str1[0] == '\0')
        return g_strdup (_("An element is missing here."));
      return g_strdup_printf (_("Element <%s> is missing here."), a);
    case XML_RELAXNG_ERR_EXTRACONTENT:
      if (error->str2 != NULL)
        return describe_misplaced_element (b);
      return g_strdup_printf (_("<%s> contains an element that is not allowed there (or not "
                                "in that order)."), a);
    case XML_RELAXNG_ERR_ELEMWRONG:
      return describe_misplaced_element (a);
    case XML_RELAXNG_ERR_INVALIDATTR:
      return g_strdup_printf (_("Attribute “%s” is not allowed on <%s>."), a, b);
    case XML_RELAXNG_ERR_TEXTWRONG:
      return g_strdup_printf (_("Text is not allowed directly inside <%s>; put it inside an "
                                "element such as <p>."), a);
    case XML_RELAXNG_ERR_NOTELEM:
      return g_strdup (_("An element was expected here, but there is text."));
    case XML_RELAXNG_ERR_ATTRVALID:
      return g_strdup_printf (_("<%s> is missing a required attribute, or one of its "
                                "attributes has a value that is not allowed."), a);
    case XML_RELAXNG_ERR_CONTENTVALID:
      return g_strdup_printf (_("The content of <%s> does not follow the module format."), a);
    case XML_RELAXNG_ERR_ELEMWRONGNS:
    case XML_RELAXNG_ERR_ELEMNONS:
    case XML_RELAXNG_ERR_ELEMEXTRANS:
      return g_strdup_printf (_("<%s> is not in the module namespace. Write every element "
                                "inside <module xmlns=\"%s\">."), a, MODULE_NS);
    case XML_RELAXNG_ERR_TYPEVAL:
    case XML_RELAXNG_ERR_TYPE:
    case XML_RELAXNG_ERR_DATATYPE:
    case XML_RELAXNG_ERR_VALUE:
    case XML_RELAXNG_ERR_LIST:
      return g_strdup_printf (_("A value is not allowed here (%s)."), raw);
    case XML_RELAXNG_ERR_ELEMNOTEMPTY:
      return g_strdup_printf (_("<%s> must be empty."), a);
    default:
      return g_strdup_printf (_("The module does not follow the format: %s."), raw);
    }
}

static void
on_rng_error (void        *user_data,
              xmlErrorPtr  error)
{
  LoadState *state = user_data;
  g_autofree char *message = NULL;
  g_autofree char *needle = NULL;
  RngError rng_error;
  xmlNodePtr node = error->node;
  int line = error->line;

  /* an <explanation> before the answers is accepted as the question's last child, and the
   * answers after it are blamed: name the explanation instead */
  if ((error->code == XML_RELAXNG_ERR_ELEMWRONG || error->code == XML_RELAXNG_ERR_EXTRACONTENT)
      && node != NULL && node->parent != NULL && node_name_is (node->parent, "question"))
    {
      for (xmlNodePtr before = node->prev; before != NULL; before = before->prev)
        if (is_module_element (before, "explanation"))
          {
            node = before;
            message = g_strdup (_("<explanation> is not allowed at this place: it comes last "
                                  "in a <question>, after the answers."));
            break;
          }
    }

  if (message == NULL && error->code == XML_RELAXNG_ERR_ATTRVALID)
    message = describe_attribute_error (node);
  else if (message == NULL && error->code == XML_RELAXNG_ERR_INVALIDATTR)
    message = describe_invalid_attribute (node, error->str1);
  if (message == NULL)
    message = describe_rng_error (error);

  if (node && node->type == XML_ELEMENT_NODE)
    {
      line = (int) xmlGetLineNo (node);
      needle = g_strdup_printf ("<%s", (const char *) node->name);
    }

  /* the specific errors make the generic ones of the enclosing elements redundant */
  if (error->code != XML_RELAXNG_ERR_CONTENTVALID)
    state->rng_specific_error = TRUE;

  rng_error.diagnostic = bekal_diagnostic_new (BEKAL_SEVERITY_ERROR, state->path, line,
                                               bekal_loader_column_of (state, line, needle),
                                               message);
  rng_error.code = error->code;
  rng_error.node = node;
  g_array_append_val (state->rng_errors, rng_error);
}

static void
clear_rng_error (RngError *rng_error)
{
  g_clear_pointer (&rng_error->diagnostic, bekal_diagnostic_unref);
}

/* libxml2 backtracks after an element with a bad attribute and then blames its siblings and
 * its parent for the order of the content; those errors only repeat the first one. The
 * elements with a bad attribute are counted per element and per parent once, so that each
 * error is judged in constant time (a file may have 100 000 of them). */
typedef struct
{
  GHashTable *by_node;   /* element → errors about its attributes */
  GHashTable *by_parent; /* parent → errors about the attributes of its children */
} AttributeErrors;

static void
count_attribute_errors (AttributeErrors *counts,
                        GArray          *errors)
{
  counts->by_node = g_hash_table_new (NULL, NULL);
  counts->by_parent = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < errors->len; i++)
    {
      RngError *error = &g_array_index (errors, RngError, i);
      guint n;

      if (error->code != XML_RELAXNG_ERR_ATTRVALID || error->node == NULL)
        continue;
      n = GPOINTER_TO_UINT (g_hash_table_lookup (counts->by_node, error->node));
      g_hash_table_insert (counts->by_node, error->node, GUINT_TO_POINTER (n + 1));
      n = GPOINTER_TO_UINT (g_hash_table_lookup (counts->by_parent, error->node->parent));
      g_hash_table_insert (counts->by_parent, error->node->parent, GUINT_TO_POINTER (n + 1));
    }
}

static gboolean
is_attribute_cascade (AttributeErrors *counts,
                      RngError        *candidate)
{
  guint n_siblings;

  if (candidate->node == NULL
      || (candidate->code != XML_RELAXNG_ERR_ELEMNAME
          && candidate->code != XML_RELAXNG_ERR_EXTRACONTENT
          && candidate->code != XML_RELAXNG_ERR_ELEMWRONG
          && candidate->code != XML_RELAXNG_ERR_NOELEM))
    return FALSE;

  /* a child of the candidate has a bad attribute */
  if (g_hash_table_contains (counts->by_parent, candidate->node))
    return TRUE;

  /* a sibling (not the candidate itself) has a bad attribute */
  n_siblings = GPOINTER_TO_UINT (g_hash_table_lookup (counts->by_parent,
                                                      candidate->node->parent))
               - GPOINTER_TO_UINT (g_hash_table_lookup (counts->by_node, candidate->node));

  return n_siblings > 0;
}

void
bekal_loader_validate_with_schema (LoadState *state,
                                   xmlDocPtr  doc)
{
  xmlRelaxNGPtr schema = get_schema ();
  xmlRelaxNGValidCtxtPtr vctxt;
  AttributeErrors counts;
  guint n_placed = 0;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (schema == NULL)
    {
      bekal_loader_add_diagnostic (state, BEKAL_SEVERITY_ERROR, 0, 0,
                                   _("Bekal's own module schema is damaged; reinstall Bekal."));
      return;
    }

  state->rng_errors = g_array_new (FALSE, TRUE, sizeof (RngError));
  g_array_set_clear_func (state->rng_errors, (GDestroyNotify) clear_rng_error);
  /* For each error, libxml2 looks for the file of the node by walking back over every
   * node before it (XInclude markers could change it); without a URL it does not, which keeps
   * 100 000 errors linear. The diagnostics name state->path anyway. */
  if (doc->URL != NULL)
    {
      xmlFree ((xmlChar *) doc->URL);
      doc->URL = NULL;
    }

  vctxt = xmlRelaxNGNewValidCtxt (schema);
  xmlRelaxNGSetValidStructuredErrors (vctxt, on_rng_error, state);
  xmlRelaxNGValidateDoc (vctxt, doc);
  xmlRelaxNGFreeValidCtxt (vctxt);

  count_attribute_errors (&counts, state->rng_errors);
  for (guint i = 0; i < state->rng_errors->len; i++)
    if (bekal_diagnostic_get_line (g_array_index (state->rng_errors, RngError, i).diagnostic) > 0)
      n_placed++;

  for (guint i = 0; i < state->rng_errors->len; i++)
    {
      RngError *rng_error = &g_array_index (state->rng_errors, RngError, i);
      BekalDiagnostic *d = rng_error->diagnostic;
      /* one message for each place: libxml2 reports a misplaced element once for itself and
       * once for its parent, both at the element */
      g_autofree char *key = g_strdup_printf ("%d:%d", bekal_diagnostic_get_line (d),
                                              bekal_diagnostic_get_column (d));

      if (g_hash_table_contains (seen, key))
        continue;
      /* an error without a place only repeats one that has it */
      if (bekal_diagnostic_get_line (d) <= 0 && n_placed > 0)
        continue;
      if (rng_error->code == XML_RELAXNG_ERR_CONTENTVALID && state->rng_specific_error)
        continue;
      if (is_attribute_cascade (&counts, rng_error))
        continue;

      g_hash_table_add (seen, g_steal_pointer (&key));
      /* an unknown attribute is often a misspelled one (corect="true"): what the element then
       * lacks follows from it */
      if (rng_error->code == XML_RELAXNG_ERR_ELEMWRONG
          || rng_error->code == XML_RELAXNG_ERR_EXTRACONTENT
          || rng_error->code == XML_RELAXNG_ERR_ELEMNAME
          || rng_error->code == XML_RELAXNG_ERR_INVALIDATTR)
        bekal_loader_note_rejected (state, rng_error->node);
      g_ptr_array_add (state->diagnostics, bekal_diagnostic_ref (d));
      state->n_errors++;

      g_ptr_array_add (state->rng_vague, d);
    }

  g_clear_pointer (&counts.by_node, g_hash_table_unref);
  g_clear_pointer (&counts.by_parent, g_hash_table_unref);
  g_clear_pointer (&state->rng_errors, g_array_unref);
}

/* Drops the schema errors of a line when a later check explained that line precisely: the
 * schema can only say that something does not fit, the checks say what to do */
void
bekal_loader_drop_vague_schema_errors (LoadState *state)
{
  g_autoptr(GHashTable) vague = NULL;
  g_autoptr(GHashTable) explained_lines = NULL;
  gpointer *all;
  gsize n_all = 0;

  if (state->rng_vague->len == 0)
    return;

  /* sets instead of comparing every pair: a file may have 100 000 problems */
  vague = g_hash_table_new (NULL, NULL);
  explained_lines = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < state->rng_vague->len; i++)
    g_hash_table_add (vague, g_ptr_array_index (state->rng_vague, i));

  for (guint i = 0; i < state->diagnostics->len; i++)
    {
      BekalDiagnostic *d = g_ptr_array_index (state->diagnostics, i);

      if (!g_hash_table_contains (vague, d)
          && bekal_diagnostic_get_severity (d) == BEKAL_SEVERITY_ERROR
          && g_strcmp0 (bekal_diagnostic_get_file (d), state->path) == 0)
        g_hash_table_add (explained_lines, GINT_TO_POINTER (bekal_diagnostic_get_line (d)));
    }

  all = g_ptr_array_steal (state->diagnostics, &n_all);
  for (gsize i = 0; i < n_all; i++)
    {
      BekalDiagnostic *d = all[i];

      if (g_hash_table_contains (vague, d)
          && g_hash_table_contains (explained_lines,
                                    GINT_TO_POINTER (bekal_diagnostic_get_line (d))))
        {
          bekal_diagnostic_unref (d);
          state->n_errors--;
        }
      else
        g_ptr_array_add (state->diagnostics, d);
    }
  g_free (all);
}

/* Required attributes, checked here so that a missing one is named precisely; the schema
 * only says that something about the element's attributes is wrong */
static const struct
{
  const char *element;
  const char *attributes[4];
} required_attributes[] = {
  { "module", { "id", "version", NULL } },
  { "duration", { "minutes", NULL } },
  { "topic", { "id", NULL } },
  { "entry", { "id", NULL } },
  { "lesson", { "id", NULL } },
  { "note", { "kind", NULL } },
  { "figure", { "src", NULL } },
  { "video", { "id", "src", NULL } },
  { "audio", { "id", "src", NULL } },
  { "subtitles", { "src", NULL } },
  { "chapter", { "at", NULL } },
  { "checkpoint", { "at", "question", NULL } },
  { "reflection", { "id", NULL } },
  { "quiz", { "id", "role", NULL } },
  { "question", { "id", "topic", "type", NULL } },
  { "option", { "id", NULL } },
  { "pair", { "id", NULL } },
  { "label", { "value", NULL } },
};

void
bekal_loader_check_required_attributes (LoadState  *state,
                                        xmlNodePtr  node)
{
  FOR_EACH_ELEMENT (child, node)
    {
      for (guint i = 0; i < G_N_ELEMENTS (required_attributes); i++)
        {
          if (!node_name_is (child, required_attributes[i].element))
            continue;

          for (guint j = 0; required_attributes[i].attributes[j]; j++)
            {
              const char *attr = required_attributes[i].attributes[j];

              const char * const wanted[] = { attr, NULL };
              xmlAttrPtr misspelled = NULL;

              if (xmlHasProp (child, BAD_CAST attr))
                continue;

              /* the attribute is there, under a name one letter or two away */
              for (xmlAttrPtr prop = child->properties; prop != NULL && misspelled == NULL;
                   prop = prop->next)
                if (bekal_loader_suggest_name ((const char *) prop->name, wanted) != NULL)
                  misspelled = prop;

              if (misspelled != NULL)
                bekal_loader_attr_problem (state, BEKAL_SEVERITY_ERROR, child,
                                           (const char *) misspelled->name,
                                           _("<%s> has no attribute “%s”. Did you mean “%s”?"),
                                           (const char *) child->name,
                                           (const char *) misspelled->name, attr);
              else
                bekal_loader_node_problem (state, BEKAL_SEVERITY_ERROR, child,
                                           _("<%s> needs the attribute “%s”; see the format "
                                             "reference."), (const char *) child->name, attr);
            }
        }

      /* an <item> of a list has no id; one of an order question needs it */
      if (node_name_is (child, "item") && node_name_is (node, "question")
          && !xmlHasProp (child, BAD_CAST "id"))
        bekal_loader_node_problem (state, BEKAL_SEVERITY_ERROR, child,
                                   _("<%s> needs the attribute “%s”; see the format reference."),
                                   "item", "id");

      bekal_loader_check_required_attributes (state, child);
    }
}
